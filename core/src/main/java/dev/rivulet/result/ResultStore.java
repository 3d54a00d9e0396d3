package dev.rivulet.result;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;

/**
 * Where results are kept: named on the builder, chosen by tasks by name ({@code @Task(resultStore =
 * "local")}). Built-ins come from {@link ResultStores}: {@code memory} and {@code local}; the
 * {@code rivulet-storage-s3} module adds S3.
 *
 * <p>Every implementation keeps these promises, which {@code
 * dev.rivulet.testing.contract.ResultStoreContract} in {@code rivulet-testing} checks:
 *
 * <ul>
 *   <li>a write is all or nothing: readers see the previous entry (or none) or the new one, never
 *       part of it. After a write that throws, the key reads as the previous entry (or none) or the
 *       new one, complete, never neither: a write whose {@link DataWriter} throws leaves the
 *       previous entry, and the new one stays only when the store cannot learn whether its commit
 *       went through (an answer lost on the network), which its exception says;
 *   <li>bytes stream in and out, never held twice;
 *   <li>{@link #read} returns data whose size and checksum are checked against the record as the
 *       stream reaches its end; a truncated, corrupt or foreign entry is reported as {@link
 *       CorruptResultException}, never returned as good;
 *   <li>keys are relative paths of {@code [A-Za-z0-9._=-]} segments separated by {@code /}, and
 *       every store rejects anything else (no {@code ..}, no absolute paths);
 *   <li>it is thread-safe.
 * </ul>
 */
public interface ResultStore extends AutoCloseable {

    /** {@return a short description for logs, such as {@code local(/var/rivulet)}} */
    String describe();

    /**
     * Whether a JVM on another machine, given a store of the same kind and settings, reads this
     * store's entries under the same keys: true for an object store such as S3, false (the default)
     * for memory or a local directory. A runner that carries task bodies out on other machines sends
     * a value that a task left in such a store as a reference to it, for the other side to read
     * there, and any other value as itself.
     *
     * @return whether other machines read what this store holds
     */
    default boolean readableElsewhere() {
        return false;
    }

    /**
     * Stores a result: {@code data} writes the bytes; the store counts and checksums them and
     * returns {@code record} completed with {@link ResultRecord#withContent size and checksum}.
     * Replaces any entry under the same key.
     *
     * @param record the entry's metadata; its key says where it goes
     * @param data writes the bytes, once
     * @return {@code record} with the size and checksum of the bytes as stored
     * @throws IOException if the bytes cannot be stored; an entry it replaced is left whole
     */
    ResultRecord write(ResultRecord record, DataWriter data) throws IOException;

    /**
     * {@return the record of the entry under {@code key}, without opening its data}
     *
     * @param key the entry's key
     * @throws IOException if the store cannot be read
     */
    Optional<ResultRecord> record(String key) throws IOException;

    /**
     * Opens the entry under {@code key} for reading.
     *
     * @param key the entry's key
     * @return the entry's record and a stream of its bytes, which the caller closes; empty if there is no entry
     * @throws IOException if the store cannot be read
     */
    Optional<StoredResult> read(String key) throws IOException;

    /**
     * Removes the entry under {@code key}.
     *
     * @param key the entry's key
     * @return whether there was one
     * @throws IOException if the store cannot remove it
     */
    boolean delete(String key) throws IOException;

    /**
     * A lock on {@code key} that other processes sharing this store respect too, for computing a
     * cache entry once across machines; stores that cannot offer one lock only within this JVM.
     * Blocks until the lock is held.
     *
     * @param key the key of the entry about to be computed
     * @return the held lock, which the caller closes
     * @throws IOException if the store cannot take the lock
     * @throws InterruptedException if the thread is interrupted while it waits
     */
    default KeyLock lock(String key) throws IOException, InterruptedException {
        return KeyLock.NONE;
    }

    /**
     * Releases what the store holds (clients, files, memory); the default holds nothing.
     *
     * @throws IOException if releasing fails
     */
    @Override
    default void close() throws IOException {}

    /** Writes a result's bytes. */
    @FunctionalInterface
    interface DataWriter {
        /**
         * Writes the bytes.
         *
         * @param out the store's stream; not to be closed
         * @throws IOException if the bytes cannot be produced or written; the write then fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /** A held lock; closing releases it. */
    interface KeyLock extends AutoCloseable {
        /** Holds nothing: for stores whose writers only meet within one JVM. */
        KeyLock NONE = () -> {};

        /**
         * Releases the lock.
         *
         * @throws IOException if the lock cannot be released
         */
        @Override
        void close() throws IOException;
    }
}
