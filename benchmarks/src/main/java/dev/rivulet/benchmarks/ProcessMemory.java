package dev.rivulet.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The resident memory of this process as Linux reports it: {@code VmHWM}, its peak, from {@code
 * /proc/self/status}, which counts everything (the heap, Arrow's memory, DuckDB's), and its reset
 * through {@code /proc/self/clear_refs}, so that two cases run one after the other each get a peak.
 */
final class ProcessMemory {

    private static final Path STATUS = Path.of("/proc/self/status");

    private ProcessMemory() {}

    /** The peak resident set size in bytes, or -1 where there is no {@code /proc}. */
    static long peakResidentBytes() {
        return bytes(statusKilobytes("VmHWM:"));
    }

    /** The resident set size now, in bytes, or -1 where there is no {@code /proc}. */
    static long residentBytes() {
        return bytes(statusKilobytes("VmRSS:"));
    }

    /** Sets the peak back to what is resident now; false where Linux does not allow it. */
    static boolean resetPeak() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static long statusKilobytes(String field) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).replace("kB", "").strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }

    private static long bytes(long kilobytes) {
        return kilobytes < 0 ? -1 : kilobytes * 1024;
    }
}
