/**
 * Files: {@link dev.rivulet.io.AtomicFile}, which writes a file so that readers see the old file or
 * the new one, never part of one. Rivulet's own stores and writers use it, and so can tasks that
 * write files. {@link dev.rivulet.io.NonClosing} keeps a stream open when a library would close it,
 * as serializers and codecs need; {@link dev.rivulet.io.FileTrees} deletes a directory tree.
 */
package dev.rivulet.io;
