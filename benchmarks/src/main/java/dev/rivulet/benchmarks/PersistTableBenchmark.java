package dev.rivulet.benchmarks;

import dev.rivulet.cli.CommandLines;
import dev.rivulet.cli.PositiveCountConverter;
import dev.rivulet.examples.taxi.TaxiTrips;
import dev.rivulet.result.Serializer;
import dev.rivulet.tables.ArrowCompression;
import dev.rivulet.tables.TableSerializers;
import dev.rivulet.tables.internal.ArrowIpcSerializer;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Persisting a table: the 3M-row taxi table ({@link TaxiTrips}) written to a file by the {@code
 * arrow} serializer (Arrow IPC, LZ4- or zstd-compressed buffers, batches compressed in parallel), against a
 * raw write of the same bytes: every Arrow buffer of the table written as it is to a {@link
 * FileChannel}. Both end with {@code force}, as a result store does, unless {@code --no-sync}.
 * Rounds alternate which side goes first; each side reports its median round.
 *
 * <p>The last line is {@code persist-table: arrow=<x>x-of-raw size=<x>x-of-raw}: the raw write's time
 * over the serializer's, so 1.0 is as fast as writing the bytes uncompressed and above 1.0 is faster;
 * and the file's size over the buffers', so a faster but bigger file shows.
 *
 * <p>Options: {@code --rows N} (3000000), {@code --warmup N} (2), {@code --rounds N} (7), {@code --dir DIR}
 * (where the files go; the temporary directory by default), {@code --no-sync}, {@code --codec LZ4_FRAME|ZSTD},
 * {@code --zstd-level N} and
 * {@code --batch-rows N} (the serializer's, defaults as registered), {@code --verbose}.
 */
@Command(name = "benchmarks/run persist-table",
        description = "The taxi table written by the arrow serializer (Arrow IPC, LZ4 or zstd) beside a raw write of its buffers.")
public final class PersistTableBenchmark implements Callable<Integer> {

    @Option(names = "--rows", paramLabel = "N", converter = PositiveCountConverter.class, description = "taxi trips in the table")
    int rows = 3_000_000;

    @Mixin
    final Rounds rounds = new Rounds(2, 7);

    @Option(names = "--dir", paramLabel = "DIR", description = "where the files go")
    Path dir = TaxiFiles.defaultDirectory();

    @Option(names = "--no-sync", description = "do not force the files to disk")
    boolean noSync;

    @Option(names = "--codec", paramLabel = "CODEC", description = "the serializer's buffer codec: ${COMPLETION-CANDIDATES} (default: lz4)")
    ArrowCompression.Codec codec = ArrowIpcSerializer.DEFAULT_COMPRESSION.codec();

    @Option(names = "--zstd-level", paramLabel = "N", description = "the zstd level, with --codec ZSTD (default: 1)")
    int zstdLevel = 1;

    @Option(names = "--batch-rows", paramLabel = "N", converter = PositiveCountConverter.class, description = "the serializer's rows a batch")
    int batchRows = ArrowIpcSerializer.DEFAULT_BATCH_ROWS;

    @Option(names = "--verbose", description = "print every round")
    boolean verbose;

    record Settings(int rows, int warmup, int rounds, Path dir, boolean sync, ArrowCompression compression, int batchRows, boolean verbose) {

        static Settings parse(String... args) {
            return CommandLines.parse(new PersistTableBenchmark(), args).settings();
        }
    }

    record Result(Samples arrow, Samples raw, long rawBytes, long arrowBytes) {}

    private PersistTableBenchmark() {}

    public static void main(String[] args) {
        CommandLines.run(new PersistTableBenchmark(), args);
    }

    private Settings settings() {
        ArrowCompression compression = codec == ArrowCompression.Codec.ZSTD ? ArrowCompression.zstd(zstdLevel) : ArrowCompression.lz4();
        return new Settings(rows, rounds.warmup, rounds.measured, dir, !noSync, compression, batchRows, verbose);
    }

    @Override
    public Integer call() throws Exception {
        Settings settings = settings();
        System.out.printf("Persisting a table: %,d taxi trips as Arrow IPC with %s (the arrow serializer) vs their buffers written raw%s%n",
                settings.rows(), settings.compression(), settings.sync() ? ", each file forced to disk" : "");
        System.out.printf("JVM %s, %d processors; %d warm-up rounds, %d measured; median round (min, max)%n",
                System.getProperty("java.vm.version"), Runtime.getRuntime().availableProcessors(), settings.warmup(), settings.rounds());
        System.out.println(Samples.machineLoad());
        report(run(settings), System.out);
        return 0;
    }

    static Result run(Settings settings) throws IOException {
        Samples arrow = new Samples("arrow", settings.rounds());
        Samples raw = new Samples("raw", settings.rounds());
        Files.createDirectories(settings.dir());
        Path arrowFile = settings.dir().resolve("persist-table.arrows");
        Path rawFile = settings.dir().resolve("persist-table.raw");
        long rawBytes = 0;
        long arrowBytes = 0;
        try (BufferAllocator allocator = new RootAllocator(); VectorSchemaRoot table = TaxiTrips.generate(settings.rows(), TaxiFiles.SEED, allocator)) {
            Serializer serializer = TableSerializers.arrow(allocator, settings.batchRows(), settings.compression());
            try {
                for (int round = 0; round < settings.warmup() + settings.rounds(); round++) {
                    boolean measured = round >= settings.warmup();
                    for (int side = 0; side < 2; side++) {
                        boolean arrowSide = (side == 0) == (round % 2 == 0);
                        Files.deleteIfExists(arrowSide ? arrowFile : rawFile);
                        long start = System.nanoTime();
                        long bytes = arrowSide ? writeArrow(serializer, table, arrowFile, settings.sync()) : writeRaw(table, rawFile, settings.sync());
                        long elapsed = System.nanoTime() - start;
                        if (arrowSide) {
                            arrowBytes = bytes;
                        } else {
                            rawBytes = bytes;
                        }
                        if (measured) {
                            (arrowSide ? arrow : raw).add(elapsed);
                        }
                        if (settings.verbose()) {
                            System.err.printf("round %d %-5s %8.1f ms %,d bytes%s%n", round, arrowSide ? "arrow" : "raw", elapsed / 1e6, bytes,
                                    measured ? "" : " (warm-up)");
                        }
                    }
                }
            } finally {
                Files.deleteIfExists(arrowFile);
                Files.deleteIfExists(rawFile);
            }
        }
        return new Result(arrow, raw, rawBytes, arrowBytes);
    }

    /** The table through the serializer into a file, as a result store writes it; the bytes written. */
    static long writeArrow(Serializer serializer, VectorSchemaRoot table, Path file, boolean sync) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 20);
            serializer.write(table, VectorSchemaRoot.class, out);
            out.flush();
            if (sync) {
                channel.force(true);
            }
            return channel.size();
        }
    }

    /** Every buffer of every vector, as it is in memory, into a file; the bytes written. */
    static long writeRaw(VectorSchemaRoot table, Path file, boolean sync) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (FieldVector vector : table.getFieldVectors()) {
                for (ArrowBuf buffer : vector.getFieldBuffers()) {
                    java.nio.ByteBuffer bytes = buffer.nioBuffer(0, (int) buffer.writerIndex());
                    while (bytes.hasRemaining()) {
                        channel.write(bytes);
                    }
                }
            }
            if (sync) {
                channel.force(true);
            }
            return channel.size();
        }
    }

    /** The summary, the figure line last. */
    static void report(Result result, PrintStream out) {
        out.println();
        for (Samples samples : new Samples[] {result.arrow(), result.raw()}) {
            out.printf(Locale.ROOT, "%-6s %8.1f ms  %7.1f MB/s of table  (min %.1f, max %.1f ms)%n", samples.label(),
                    samples.medianNanos() / 1e6, result.rawBytes() / (samples.medianNanos() / 1e9) / 1e6, samples.minNanos() / 1e6,
                    samples.maxNanos() / 1e6);
        }
        out.printf(Locale.ROOT, "table %.1f MB in Arrow buffers; the arrow file %.1f MB (%.2fx smaller)%n", result.rawBytes() / 1e6,
                result.arrowBytes() / 1e6, (double) result.rawBytes() / result.arrowBytes());
        out.printf(Locale.ROOT, "persist-table: arrow=%.2fx-of-raw size=%.2fx-of-raw%n", result.raw().medianNanos() / result.arrow().medianNanos(),
                (double) result.arrowBytes() / result.rawBytes());
    }
}
