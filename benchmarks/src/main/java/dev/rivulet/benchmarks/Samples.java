package dev.rivulet.benchmarks;

import java.util.Arrays;
import java.util.Locale;

/** The measured rounds of one case, in nanoseconds; reports the median, which one slow round does not move. */
final class Samples {

    private final String label;
    private final long[] nanos;
    private int count;

    Samples(String label, int rounds) {
        this.label = label;
        this.nanos = new long[rounds];
    }

    void add(long elapsedNanos) {
        nanos[count++] = elapsedNanos;
    }

    String label() {
        return label;
    }

    double medianNanos() {
        return percentile(0.5);
    }

    double minNanos() {
        return sorted()[0];
    }

    double maxNanos() {
        long[] s = sorted();
        return s[s.length - 1];
    }

    private double percentile(double p) {
        long[] s = sorted();
        if (s.length == 0) {
            throw new IllegalStateException("no rounds were measured for " + label);
        }
        double rank = p * (s.length - 1);
        int low = (int) Math.floor(rank);
        int high = (int) Math.ceil(rank);
        return s[low] + (s[high] - s[low]) * (rank - low);
    }

    private long[] sorted() {
        long[] s = Arrays.copyOf(nanos, count);
        Arrays.sort(s);
        return s;
    }

    /** {@code label  3.21 us/task  (min 3.02, max 3.50; 321.4 ms a round)} for {@code units} units of work a round. */
    String describePerUnit(int units, String unit) {
        return String.format(Locale.ROOT, "%-10s %8.2f us/%s  (min %.2f, max %.2f; median round %.1f ms)",
                label, medianNanos() / units / 1_000.0, unit, minNanos() / units / 1_000.0, maxNanos() / units / 1_000.0,
                medianNanos() / 1_000_000.0);
    }

    /**
     * The machine's load averages from {@code /proc/loadavg}, for the summary: a benchmark on a machine
     * that other work keeps busy measures that work too.
     */
    static String machineLoad() {
        try {
            String[] fields = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim().split("\\s+");
            return "load average at the start: " + fields[0] + " (1 min), " + fields[1] + " (5 min) on "
                    + Runtime.getRuntime().availableProcessors() + " processors";
        } catch (java.io.IOException | RuntimeException e) {
            return "load average unknown (no /proc/loadavg)";
        }
    }

    /** The median of some values, such as the ratios of two cases' rounds. */
    static double median(double[] values) {
        if (values.length == 0) {
            throw new IllegalStateException("no values to take the median of");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    static String twoDecimals(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
