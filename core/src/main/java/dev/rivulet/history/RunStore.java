package dev.rivulet.history;

import java.io.IOException;
import java.util.List;

/**
 * Where run records are kept: the SPI behind {@link RunHistory}. Rivulet encodes and decodes the
 * records; a store keeps their bytes under {@link RunKey}s and tells live writers from dead ones.
 * {@link RunStores#local(java.nio.file.Path)} is the built-in one.
 *
 * <p>What an implementation promises:
 * <ul>
 *   <li>{@link #write} replaces a record whole: a reader, in this process or another, sees the old
 *       bytes or the new, never part of either, also when the writer dies during the write;
 *   <li>{@link #list} returns every record written and not deleted, in any order, and nothing that
 *       is not a record (temporary files and the like);
 *   <li>{@link #registerWriter()} makes this instance a live writer until {@link #close()}, and
 *       {@link #isWriterAlive} tells, from any process, whether a writer id belongs to a writer still
 *       alive: false once its process has ended, however it ended; a record left unfinished by a
 *       writer that is not alive reads as crashed;
 *   <li>it is safe for use by many threads, and by many processes on the same store.
 * </ul>
 */
public interface RunStore extends AutoCloseable {

    /** {@return what the store is and where it keeps records, for messages: {@code local(/home/me/.rivulet/runs)}} */
    String describe();

    /**
     * Writes a record, replacing the one under {@code key} atomically.
     *
     * @param key where the record goes
     * @param record its bytes
     * @throws IOException if it cannot be written; the old record, if any, is left whole
     */
    void write(RunKey key, byte[] record) throws IOException;

    /**
     * Reads a record.
     *
     * @param key where the record is
     * @return its bytes
     * @throws java.nio.file.NoSuchFileException if there is no record under {@code key}
     * @throws IOException if it cannot be read
     */
    byte[] read(RunKey key) throws IOException;

    /**
     * {@return the keys of every record, in any order}
     *
     * @throws IOException if the store cannot be listed
     */
    List<RunKey> list() throws IOException;

    /**
     * Deletes a record, if it is there.
     *
     * @param key where the record is
     * @throws IOException if it cannot be deleted
     */
    void delete(RunKey key) throws IOException;

    /**
     * Makes this store a live writer, until it is closed or its process ends, and returns its id;
     * the same id on every call.
     *
     * @return the writer's id, which records name
     * @throws IOException if the store cannot record the writer
     */
    String registerWriter() throws IOException;

    /**
     * {@return whether the writer of this id is alive: registered, in this process or another, and
     * neither closed nor dead}
     *
     * @param writerId an id {@link #registerWriter()} returned, here or in another process
     * @throws IOException if the store cannot tell
     */
    boolean isWriterAlive(String writerId) throws IOException;

    /**
     * Lets go of the writer registration, if any, and of what the store holds.
     *
     * @throws IOException if something held cannot be released
     */
    @Override
    void close() throws IOException;
}
