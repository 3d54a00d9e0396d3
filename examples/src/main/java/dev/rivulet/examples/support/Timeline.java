package dev.rivulet.examples.support;

import dev.rivulet.Run;
import dev.rivulet.TaskRun;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A flow run's task runs drawn on a time axis, and how many ran at once: where parallelism shows. */
public final class Timeline {

    private Timeline() {}

    /** Draws each run as a bar between its start and end, on a shared time axis {@code width} characters wide. */
    public static String render(List<Run> runs, int width) {
        Instant first = runs.stream().flatMap(r -> r.startTime().stream()).min(Instant::compareTo).orElse(Instant.EPOCH);
        Instant last = runs.stream().flatMap(r -> r.endTime().stream()).max(Instant::compareTo).orElse(first);
        double span = Math.max(1, Duration.between(first, last).toNanos());
        int labelWidth = runs.stream().mapToInt(r -> r.name().length()).max().orElse(0);
        StringBuilder out = new StringBuilder();
        for (Run run : runs) {
            if (run.startTime().isEmpty() || run.endTime().isEmpty()) {
                continue;
            }
            int from = (int) Math.round(Duration.between(first, run.startTime().get()).toNanos() / span * width);
            int to = Math.max(from + 1, (int) Math.round(Duration.between(first, run.endTime().get()).toNanos() / span * width));
            out.append(String.format("%-" + labelWidth + "s |", run.name()))
                    .append(" ".repeat(from)).append("#".repeat(to - from)).append(" ".repeat(Math.max(0, width - to)))
                    .append("| ").append(Duration.between(run.startTime().get(), run.endTime().get()).toMillis()).append(" ms\n");
        }
        return out.toString();
    }

    /** The largest number of task runs whose [start, end) intervals overlap at one instant. */
    public static int maxOverlap(List<TaskRun> runs) {
        int max = 0;
        for (TaskRun a : runs) {
            if (a.startTime().isEmpty()) {
                continue;
            }
            Instant t = a.startTime().get();
            int running = 0;
            for (TaskRun b : runs) {
                if (b.startTime().isPresent() && b.endTime().isPresent()
                        && !b.startTime().get().isAfter(t) && b.endTime().get().isAfter(t)) {
                    running++;
                }
            }
            max = Math.max(max, running);
        }
        return max;
    }
}
