/**
 * How the S3 stores talk to S3: streamed uploads in parts, GET bodies that resume after a broken
 * connection, and SDK exceptions turned into messages that say what to do. Not API: it may change
 * in any release.
 */
package dev.rivulet.storage.s3.internal;
