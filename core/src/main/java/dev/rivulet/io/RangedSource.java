package dev.rivulet.io;

import dev.rivulet.internal.io.ParallelRangeReads;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Bytes that are read by range, wherever they live: a local file, an object behind an HTTP(S) URL,
 * an object in S3. A Parquet reader reads the footer at the end of a file and then only the column
 * chunks it needs, each a range; this is what it reads them from. Open one with {@link
 * RangedSources#open(java.net.URI)}:
 *
 * {@snippet file="dev/rivulet/snippets/RangedSourceSnippetsTest.java" region="footer"}
 *
 * <p>The rules, the same for every provider (the contract suite {@code RangedSourceContract} in
 * {@code dev.rivulet:rivulet-testing} checks them):
 * <ul>
 *   <li>The {@link #size()} is taken once, when the source is opened; reads are ranges of those
 *       bytes. A provider that can tell that the object changed after it was opened fails the
 *       read rather than mix two versions.</li>
 *   <li>A range reaching past the end fails with an {@link EOFException} naming the range and the
 *       size, before anything is read; a negative offset or length is an {@link
 *       IllegalArgumentException}. A range of length 0 (also at offset {@code size()}) reads
 *       nothing and sends no request.</li>
 *   <li>A read fills the whole range or throws: there are no short reads.</li>
 *   <li>Reads from many threads at once are safe and do not wait for each other (parallel
 *       decoders share one source). A thread interrupted during its read fails its read only; the
 *       source stays usable for the others.</li>
 *   <li>A read after {@link #close()} fails with an {@link IOException} saying the source is
 *       closed; closing again does nothing.</li>
 * </ul>
 *
 * <p>Providers write a subclass: they implement {@link #readFully(long, ByteBuffer)}, which is only
 * called with a checked, non-empty range of an open source, and {@link #release()}. A source whose
 * reads wait on a network says how many ranges {@link #readRanges(List)} may read at once ({@link
 * #rangesInFlight()}); one that reads many ranges better its own way (coalesced into fewer
 * requests, say) overrides {@link #readChecked(List)}.
 */
public abstract class RangedSource implements Closeable {

    private final String name;
    private final long size;
    private volatile boolean closed;

    /**
     * For providers: a source of {@code size} bytes, named {@code name} in messages.
     *
     * @param name what messages call the source: the URI or path it was opened from
     * @param size its size in bytes, as found when it was opened
     * @throws IllegalArgumentException if {@code size} is negative
     */
    protected RangedSource(String name, long size) {
        this.name = Objects.requireNonNull(name, "name");
        if (size < 0) {
            throw new IllegalArgumentException("the size of " + name + " must not be negative, was " + size);
        }
        this.size = size;
    }

    /** {@return what messages call the source: the URI or path it was opened from} */
    public final String name() {
        return name;
    }

    /** {@return the size in bytes, as found when the source was opened} */
    public final long size() {
        return size;
    }

    /** {@return whether the source is open: not yet {@linkplain #close() closed}} */
    public final boolean isOpen() {
        return !closed;
    }

    /**
     * Reads the bytes from {@code offset} into {@code into}: exactly {@code into.remaining()} of
     * them, from its position on, which ends at its limit.
     *
     * @param offset where in the source the first byte comes from
     * @param into where the bytes go; a heap or direct buffer
     * @throws EOFException if the range reaches past the end; nothing is read then
     * @throws IllegalArgumentException if {@code offset} is negative
     * @throws java.nio.file.NoSuchFileException if the object is gone
     * @throws IOException if the source is closed or the read fails; the buffer's content is then
     *     undefined
     */
    public final void read(long offset, ByteBuffer into) throws IOException {
        Objects.requireNonNull(into, "into");
        ByteRange range = new ByteRange(offset, into.remaining());
        checkReadable(range);
        if (range.length() > 0) {
            readFilled(range, into);
        }
    }

    /**
     * Reads {@code length} bytes from {@code offset} into a new heap buffer.
     *
     * @param offset where in the source the first byte comes from
     * @param length how many bytes to read
     * @return a buffer holding the bytes from position 0 to its limit, {@code length}
     * @throws EOFException if the range reaches past the end; nothing is read then
     * @throws IllegalArgumentException if {@code offset} or {@code length} is negative
     * @throws java.nio.file.NoSuchFileException if the object is gone
     * @throws IOException if the source is closed or the read fails
     */
    public final ByteBuffer read(long offset, int length) throws IOException {
        ByteRange range = new ByteRange(offset, length);
        checkReadable(range);
        return readRange(range);
    }

    /**
     * Reads several ranges, for a reader that knows all it needs at once (the column chunks of a
     * row group). Every range is checked before any is read. Up to {@link #rangesInFlight()} are
     * read at once (the HTTP and S3 sources read 8 at once, the file source one after the other),
     * the calling thread reading too; the first failure stops the reads not yet started and is
     * thrown.
     *
     * @param ranges the ranges, in any order; they may overlap
     * @return one new heap buffer per range, in the order of {@code ranges}, each as {@link #read(long, int)} returns it
     * @throws EOFException if a range reaches past the end; nothing is read then
     * @throws java.nio.file.NoSuchFileException if the object is gone
     * @throws IOException if the source is closed or a read fails
     */
    public final List<ByteBuffer> readRanges(List<ByteRange> ranges) throws IOException {
        List<ByteRange> checked = List.copyOf(ranges);
        for (ByteRange range : checked) {
            checkReadable(range);
        }
        List<ByteBuffer> buffers = readChecked(checked);
        if (buffers.size() != checked.size()) {
            throw new IllegalStateException(getClass().getName() + " returned " + buffers.size() + " buffers for " + checked.size()
                    + " ranges of " + name);
        }
        return buffers;
    }

    /**
     * How many ranges {@link #readRanges(List)} reads at once: 1, the default, reads them one after
     * the other in the calling thread. A source whose reads wait on a network returns more, so that
     * their round trips overlap.
     *
     * @return at least 1
     */
    protected int rangesInFlight() {
        return 1;
    }

    /**
     * Reads ranges already checked against the size, {@link #rangesInFlight()} at once; for
     * providers that read many ranges their own way.
     *
     * @param ranges the ranges, each within the source
     * @return one buffer per range, in order, each from position 0 to a limit of its length
     * @throws IOException if a read fails
     */
    protected List<ByteBuffer> readChecked(List<ByteRange> ranges) throws IOException {
        int inFlight = rangesInFlight();
        if (inFlight > 1 && ranges.size() > 1) {
            return ParallelRangeReads.read(ranges, inFlight, this::readRange);
        }
        List<ByteBuffer> buffers = new ArrayList<>(ranges.size());
        for (ByteRange range : ranges) {
            buffers.add(readRange(range));
        }
        return buffers;
    }

    /**
     * Reads one range already checked against the size into a new heap buffer; for providers'
     * {@link #readChecked(List)}.
     *
     * @param range a range within the source
     * @return a buffer holding its bytes from position 0 to its limit
     * @throws IOException if the source is closed or the read fails
     */
    protected final ByteBuffer readRange(ByteRange range) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(range.length());
        if (range.length() > 0) {
            readFilled(range, buffer);
        }
        return buffer.flip();
    }

    /**
     * Reads {@code into.remaining()} bytes from {@code offset} into {@code into}, leaving its
     * position at its limit, or throws. Called from many threads at once, only for an open source
     * and a non-empty range within it.
     *
     * @param offset where in the source the first byte comes from
     * @param into where the bytes go, from its position to its limit
     * @throws IOException if the bytes cannot be read; a missing object as a {@link
     *     java.nio.file.NoSuchFileException} naming it
     */
    protected abstract void readFully(long offset, ByteBuffer into) throws IOException;

    /**
     * Lets go of what the source holds (a channel, a client it owns); called once, by the first
     * {@link #close()}. Reads under way at that moment may fail.
     *
     * @throws IOException if letting go fails
     */
    protected abstract void release() throws IOException;

    /**
     * Closes the source; later reads fail. Closing again does nothing.
     *
     * @throws IOException if the provider fails to let go of what it holds
     */
    @Override
    public final void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        release();
    }

    private void readFilled(ByteRange range, ByteBuffer into) throws IOException {
        checkOpen();
        readFully(range.offset(), into);
        if (into.hasRemaining()) {
            throw new IOException(getClass().getName() + " read " + (range.length() - into.remaining()) + " of the " + range.length()
                    + " bytes of " + range + " of " + name);
        }
    }

    private void checkReadable(ByteRange range) throws IOException {
        checkOpen();
        if (range.offset() > size || range.length() > size - range.offset()) {
            throw new EOFException(range + " of " + name + " reach past its end: it has " + size + " bytes");
        }
    }

    private void checkOpen() throws IOException {
        if (closed) {
            throw new IOException(name + " is closed");
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + name + ", " + size + " bytes" + (closed ? ", closed" : "") + "]";
    }
}
