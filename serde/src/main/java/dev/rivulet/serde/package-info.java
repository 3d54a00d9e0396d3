/**
 * More serializers and codecs: zstd and lz4 codecs, Arrow IPC and Parquet serializers for tables.
 *
 * <p>Nothing here yet in this release: the module is reserved so that its artifact and package
 * names are settled.
 */
package dev.rivulet.serde;
