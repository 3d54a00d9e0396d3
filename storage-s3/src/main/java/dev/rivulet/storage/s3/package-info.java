/**
 * An S3 result store and a bulk S3 client: parallel listing, get-many and put-many.
 *
 * <p>Nothing here yet in this release: the module is reserved so that its artifact and package
 * names are settled.
 */
package dev.rivulet.storage.s3;
