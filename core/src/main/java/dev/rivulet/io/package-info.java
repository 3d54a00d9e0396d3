/**
 * Files: {@link dev.rivulet.io.AtomicFile}, which writes a file so that readers see the old file or
 * the new one, never part of one. Rivulet's own stores and writers use it, and so can tasks that
 * write files.
 */
package dev.rivulet.io;
