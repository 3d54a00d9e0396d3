package dev.rivulet.examples.support;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Progress of a long step: a bar redrawn in place on a terminal, and a plain line every few seconds
 * elsewhere (a log, a CI job, Maven's output), so that output stays readable in both.
 *
 * {@snippet :
 * try (Progress progress = Progress.start("Uploading", totalBytes, Progress.Unit.BYTES)) {
 *     bulk.putMany(bucket, puts, PutManyOptions.newBuilder()
 *             .progress(p -> progress.update(p.bytesDone(), p.bytesTotal())).build());
 * }
 * }
 */
public final class Progress implements AutoCloseable {

    /** How amounts are shown. */
    public enum Unit {
        BYTES,
        ITEMS
    }

    private static final int BAR_WIDTH = 30;
    private static final long PLAIN_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long BAR_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final String label;
    private final Unit unit;
    private final boolean terminal;
    private final PrintStream out;
    private final long started = System.nanoTime();
    private long total;
    private long done;
    /** When progress was last printed; null before the first time. */
    private Long lastPrinted;
    private boolean closed;

    private Progress(String label, long total, Unit unit, boolean terminal, PrintStream out) {
        this.label = label;
        this.total = total;
        this.unit = unit;
        this.terminal = terminal;
        this.out = out;
    }

    /** Starts showing the progress of {@code label} towards {@code total} on standard output. */
    public static Progress start(String label, long total, Unit unit) {
        return new Progress(label, total, unit, isTerminal(), System.out);
    }

    /** As {@link #start(String, long, Unit)}, to {@code out}, as a bar if {@code terminal}. */
    public static Progress start(String label, long total, Unit unit, boolean terminal, PrintStream out) {
        return new Progress(label, total, unit, terminal, out);
    }

    /**
     * Whether standard output is a terminal: on JDK 22+ {@code Console.isTerminal()}, before it a
     * console at all (which the JDK gives only when input and output are both terminals).
     */
    static boolean isTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /** Sets the amount done and the total (which may grow as work is found). Thread-safe. */
    public synchronized void update(long done, long total) {
        this.done = done;
        this.total = total;
        long now = System.nanoTime();
        if (!closed && (lastPrinted == null || now - lastPrinted >= (terminal ? BAR_INTERVAL_NANOS : PLAIN_INTERVAL_NANOS))) {
            lastPrinted = now;
            print(false);
        }
    }

    /** Adds {@code amount} to the amount done. Thread-safe. */
    public synchronized void advance(long amount) {
        update(done + amount, total);
    }

    /** Prints the final state on its own line. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            print(true);
        }
    }

    private void print(boolean last) {
        double seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
        double fraction = total <= 0 ? (last ? 1 : 0) : Math.min(1, (double) done / total);
        String amounts = format(done) + " of " + format(total);
        String rate = unit == Unit.BYTES
                ? String.format(Locale.ROOT, "%.1f MB/s", done / 1e6 / seconds)
                : String.format(Locale.ROOT, "%.1f/s", done / seconds);
        if (terminal) {
            int filled = (int) Math.round(fraction * BAR_WIDTH);
            out.printf(Locale.ROOT, "\r%s [%s%s] %3.0f%%  %s  %s  %.1f s%s", label, "#".repeat(filled), " ".repeat(BAR_WIDTH - filled),
                    fraction * 100, amounts, rate, seconds, last ? System.lineSeparator() : "");
        } else {
            out.printf(Locale.ROOT, "%s: %3.0f%%, %s, %s, %.1f s%n", label, fraction * 100, amounts, rate, seconds);
        }
        out.flush();
    }

    private String format(long amount) {
        if (unit == Unit.ITEMS) {
            return String.format(Locale.ROOT, "%,d", amount);
        }
        return amount >= 1e9 ? String.format(Locale.ROOT, "%.2f GB", amount / 1e9) : String.format(Locale.ROOT, "%.1f MB", amount / 1e6);
    }
}
