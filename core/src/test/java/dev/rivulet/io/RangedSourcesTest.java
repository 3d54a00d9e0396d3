package dev.rivulet.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@link RangedSources} picks what opens a location, and the checks every {@link RangedSource}
 * makes before a provider reads. The sources themselves are tested by {@code RangedSourceContract}
 * in the testing module.
 */
class RangedSourcesTest {

    @TempDir
    Path dir;

    @Test
    void pathsAndFileUrisOpenTheLocalFile() throws IOException {
        Path file = Files.write(dir.resolve("a b.bin"), new byte[] {1, 2, 3, 4, 5});

        for (RangedSource source : List.of(RangedSources.open(file), RangedSources.open(file.toString()),
                RangedSources.open(file.toUri()), RangedSources.open(file.toUri().toString()))) {
            try (source) {
                assertThat(source.size()).isEqualTo(5);
                assertThat(source.read(1, 3)).isEqualTo(ByteBuffer.wrap(new byte[] {2, 3, 4}));
            }
        }
    }

    @Test
    void aMissingFileIsNoSuchFileNamingIt() {
        Path missing = dir.resolve("missing.parquet");
        assertThatThrownBy(() -> RangedSources.open(missing.toUri())).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(missing.toString());
        assertThatThrownBy(() -> RangedSources.open(missing.toString())).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void otherSchemesGoToTheProviderServiceLoaderFinds() throws IOException {
        try (RangedSource source = RangedSources.open(URI.create("COUNTING-BYTES:1000"))) {
            assertThat(source.name()).isEqualTo("COUNTING-BYTES:1000");
            assertThat(source.size()).isEqualTo(1000);
            assertThat(source.read(250, 3)).isEqualTo(ByteBuffer.wrap(new byte[] {(byte) 250, 0, 1}));
        }
    }

    @Test
    void s3WithoutItsModuleNamesTheArtifactToAdd() {
        assertThatThrownBy(() -> RangedSources.open("s3://bucket/trips.parquet")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'s3:'").hasMessageContaining("s3://bucket/trips.parquet")
                .hasMessageContaining("add dev.rivulet:rivulet-storage-s3");
    }

    @Test
    void anUnknownSchemeNamesTheSchemeAndWhatIsThere() {
        assertThatThrownBy(() -> RangedSources.open(URI.create("gs://bucket/x"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'gs:'").hasMessageContaining(RangedSourceProvider.class.getName())
                .hasMessageContaining("Built in: file, http, https").hasMessageContaining("found: counting-bytes");
    }

    @Test
    void badLocationsSayWhatIsWrong() {
        assertThatThrownBy(() -> RangedSources.open("s3://bucket/my trips.parquet")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("percent-encode");
        assertThatThrownBy(() -> RangedSources.open(URI.create("file:relative/x"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("file:/absolute/path");
        assertThatThrownBy(() -> RangedSources.open(URI.create("https:///no-host"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names no host");
    }

    @Test
    void rangesAreCheckedBeforeTheProviderReads() throws IOException {
        try (RangedSource source = RangedSources.open(URI.create("counting-bytes:10"))) {
            assertThat(source.read(10, 0).remaining()).isZero();
            assertThatThrownBy(() -> source.read(8, 3)).isInstanceOf(EOFException.class)
                    .hasMessage("bytes 8-10 of counting-bytes:10 reach past its end: it has 10 bytes");
            assertThatThrownBy(() -> source.read(11, 0)).isInstanceOf(EOFException.class);
            assertThatThrownBy(() -> source.read(Long.MAX_VALUE, 1)).isInstanceOf(EOFException.class);
            assertThatThrownBy(() -> source.read(-1, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
            assertThatThrownBy(() -> source.read(0, -1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
            assertThatThrownBy(() -> source.readRanges(List.of(new ByteRange(0, 2), new ByteRange(9, 2))))
                    .isInstanceOf(EOFException.class);

            ByteBuffer into = ByteBuffer.allocate(6).position(2);
            source.read(4, into);
            assertThat(into.position()).isEqualTo(6);
            assertThat(into.array()).containsExactly(0, 0, 4, 5, 6, 7);
        }
    }

    @Test
    void aProviderThatReadsShortIsCaught() throws IOException {
        RangedSource lazy = new RangedSource("lazy", 10) {
            @Override
            protected void readFully(long offset, ByteBuffer into) {
                into.put((byte) 1);
            }

            @Override
            protected void release() {}
        };
        assertThatThrownBy(() -> lazy.read(0, 4)).isInstanceOf(IOException.class).hasMessageContaining("read 1 of the 4 bytes");
    }

    /** Ranges of value {@code offset % 251}, read with {@code inFlight} at once, each read taking 20 ms. */
    private static final class SlowSource extends RangedSource {
        final java.util.concurrent.atomic.AtomicInteger reading = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicInteger mostAtOnce = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicInteger started = new java.util.concurrent.atomic.AtomicInteger();
        private final int inFlight;
        private final long failingOffset;

        SlowSource(int inFlight, long failingOffset) {
            super("slow", 1000);
            this.inFlight = inFlight;
            this.failingOffset = failingOffset;
        }

        @Override
        protected int rangesInFlight() {
            return inFlight;
        }

        @Override
        protected void readFully(long offset, ByteBuffer into) throws IOException {
            started.incrementAndGet();
            mostAtOnce.accumulateAndGet(reading.incrementAndGet(), Math::max);
            try {
                Thread.sleep(20);
                if (offset == failingOffset) {
                    throw new IOException("range at " + offset + " failed");
                }
                while (into.hasRemaining()) {
                    into.put((byte) (offset % 251));
                }
            } catch (InterruptedException e) {
                throw new java.io.InterruptedIOException();
            } finally {
                reading.decrementAndGet();
            }
        }

        @Override
        protected void release() {}
    }

    private static List<ByteRange> tenRanges() {
        return java.util.stream.IntStream.range(0, 10).mapToObj(i -> new ByteRange(i * 10L, 5)).toList();
    }

    @Test
    void manyRangesAreReadUpToRangesInFlightAtOnceAndComeBackInOrder() throws IOException {
        SlowSource source = new SlowSource(3, -1);
        List<ByteBuffer> buffers = source.readRanges(tenRanges());
        assertThat(source.mostAtOnce.get()).isEqualTo(3);
        for (int i = 0; i < 10; i++) {
            assertThat(buffers.get(i)).isEqualTo(ByteBuffer.wrap(new byte[] {(byte) (i * 10), (byte) (i * 10), (byte) (i * 10),
                    (byte) (i * 10), (byte) (i * 10)}));
        }

        SlowSource oneByOne = new SlowSource(1, -1);
        oneByOne.readRanges(tenRanges());
        assertThat(oneByOne.mostAtOnce.get()).isEqualTo(1);
    }

    @Test
    void theFirstFailedRangeFailsTheReadAndStopsTheRangesNotStarted() {
        SlowSource source = new SlowSource(2, 10);
        assertThatThrownBy(() -> source.readRanges(tenRanges())).isInstanceOf(IOException.class).hasMessage("range at 10 failed");
        assertThat(source.started.get()).isLessThan(10);
    }
}
