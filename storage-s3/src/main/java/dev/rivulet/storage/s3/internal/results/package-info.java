/** The documents the S3 result store writes as JSON, in a package opened to Jackson alone. */
package dev.rivulet.storage.s3.internal.results;
