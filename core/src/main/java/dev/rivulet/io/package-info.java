/**
 * Files and remote bytes: {@link dev.rivulet.io.AtomicFile}, which writes a file so that readers see
 * the old file or the new one, never part of one. Rivulet's own stores and writers use it, and so can
 * tasks that write files. {@link dev.rivulet.io.NonClosing} keeps a stream open when a library would
 * close it, as serializers and codecs need; {@link dev.rivulet.io.FileTrees} deletes a directory tree.
 *
 * <p>{@link dev.rivulet.io.RangedSources} opens a {@link dev.rivulet.io.RangedSource}, bytes read by
 * range, for a path or a {@code file:}, {@code http(s):} or {@code s3:} URI, as a Parquet reader
 * needs them; other modules add schemes by providing a {@link dev.rivulet.io.RangedSourceProvider}.
 */
package dev.rivulet.io;
