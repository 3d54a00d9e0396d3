package dev.rivulet.cli.command;

import dev.rivulet.State;
import dev.rivulet.history.FlowRunRecord;
import dev.rivulet.history.LogLine;
import dev.rivulet.history.RunEdge;
import dev.rivulet.history.TaskRunCounts;
import dev.rivulet.history.TaskRunRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Run records as text for a terminal: a table of runs, and one run's graph, timeline and log. */
final class RecordText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final int TIMELINE_WIDTH = 60;

    private RecordText() {}

    /** One line a run: id, flow, name, state, start (UTC), duration, task runs. */
    static String runTable(List<FlowRunRecord> runs) {
        if (runs.isEmpty()) {
            return "";
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"RUN", "FLOW", "NAME", "STATE", "STARTED (UTC)", "TOOK", "TASK RUNS"});
        for (FlowRunRecord run : runs) {
            rows.add(new String[] {run.id(), run.flowName(), run.name(), run.state().name(),
                time(run.startTime() != null ? run.startTime() : run.created()), run.duration().map(RecordText::took).orElse(""),
                String.format(Locale.ROOT, "%,d", run.taskRunCount())});
        }
        return columns(rows);
    }

    /** One run: what it was, its task runs as a graph and a timeline, what was not detailed, and its log's tail. */
    static String show(FlowRunRecord run) {
        StringBuilder out = new StringBuilder();
        out.append("Flow run ").append(run.name()).append(" (flow ").append(run.flowName()).append(")  ").append(run.state()).append('\n');
        out.append("  id          ").append(run.id()).append('\n');
        if (run.flowMethod() != null) {
            out.append("  flow        ").append(run.flowMethod()).append('\n');
        }
        if (run.resumedFrom() != null) {
            out.append("  resumes     ").append(run.resumedFrom()).append('\n');
        }
        if (run.startTime() != null) {
            out.append("  started     ").append(time(run.startTime())).append(" UTC")
                    .append(run.duration().map(d -> ", took " + took(d)).orElse(run.state() == State.CRASHED ? ", never ended" : ", not ended"))
                    .append('\n');
        }
        if (!run.parameters().isEmpty()) {
            out.append("  parameters  ").append(run.parameters().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(", "))).append('\n');
        }
        if (run.attempts() > 1) {
            out.append("  attempts    ").append(run.attempts()).append('\n');
        }
        if (run.error() != null) {
            out.append("  error       ").append(run.error()).append('\n');
        }
        if (run.processDied()) {
            out.append("  the process running it ended before it did (pid ").append(run.pid()).append(")\n");
        }
        out.append('\n').append("Task runs (").append(run.taskRuns().size()).append(" of ").append(run.taskRunCount()).append(" detailed):\n");
        out.append(graph(run));
        List<String> artifacts = run.taskRuns().stream().filter(t -> t.artifact() != null)
                .map(t -> "  " + t.name() + (t.state() == State.CACHED ? " reused " : " wrote ") + t.artifact().describe() + "\n")
                .toList();
        if (!artifacts.isEmpty()) {
            out.append('\n').append("Artifacts:\n");
            artifacts.forEach(out::append);
        }
        if (!run.taskRuns().isEmpty()) {
            out.append('\n').append("Timeline (each row one task run; # while running, r at a retry):\n").append(timeline(run.taskRuns()));
        }
        if (run.taskRuns().size() < run.taskRunCount()) {
            out.append('\n').append("All task runs by task:\n");
            for (TaskRunCounts counts : run.taskRunCounts()) {
                out.append("  ").append(counts.taskName()).append(": ").append(counts.byState().entrySet().stream()
                        .map(e -> String.format(Locale.ROOT, "%,d %s", e.getValue(), e.getKey())).collect(Collectors.joining(", ")));
                if (counts.unfinished() > 0) {
                    out.append(String.format(Locale.ROOT, ", %,d unfinished", counts.unfinished()));
                }
                out.append('\n');
            }
        }
        if (!run.logTail().isEmpty()) {
            out.append('\n').append("Log (the last ").append(run.logTail().size()).append(" lines):\n");
            Map<String, String> taskNames = new HashMap<>();
            run.taskRuns().forEach(t -> taskNames.put(t.id(), t.name()));
            for (LogLine line : run.logTail()) {
                out.append(CLOCK.format(line.time())).append(' ').append(String.format("%-5s", line.level())).append(' ')
                        .append(line.taskRunId() == null ? "" : "[" + taskNames.getOrDefault(line.taskRunId(), line.taskRunId()) + "] ")
                        .append(line.message()).append('\n');
            }
        }
        return out.toString();
    }

    /** The detailed task runs and subflows, one a line, with state, duration, attempts and upstreams. */
    private static String graph(FlowRunRecord run) {
        Map<String, String> names = new HashMap<>();
        run.taskRuns().forEach(t -> names.put(t.id(), t.name()));
        run.subflows().forEach(f -> names.put(f.id(), "[flow] " + f.name()));
        List<String[]> rows = new ArrayList<>();
        for (TaskRunRecord task : run.taskRuns()) {
            rows.add(new String[] {task.name(), task.state().name(), task.duration().map(d -> d.toMillis() + " ms").orElse(""),
                task.attempts() > 1 ? task.attempts() + " attempts" : "", upstreams(run, task.id(), names)});
        }
        for (FlowRunRecord subflow : run.subflows()) {
            rows.add(new String[] {"[flow] " + subflow.name(), subflow.state().name(), subflow.duration().map(d -> d.toMillis() + " ms").orElse(""),
                "", upstreams(run, subflow.id(), names)});
        }
        return rows.isEmpty() ? "" : columns(rows);
    }

    private static String upstreams(FlowRunRecord run, String id, Map<String, String> names) {
        String upstreams = run.edges().stream().filter(e -> e.downstreamId().equals(id))
                .map(e -> names.getOrDefault(e.upstreamId(), e.upstreamId()) + " (" + edgeKind(e) + ")")
                .distinct().collect(Collectors.joining(", "));
        return upstreams.isEmpty() ? "" : "<- " + upstreams;
    }

    private static String edgeKind(RunEdge edge) {
        return edge.kind().name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Each task run's span on one scale from the first start to the last end; {@code r} where a retry started. */
    private static String timeline(List<TaskRunRecord> tasks) {
        Optional<Instant> first = tasks.stream().map(TaskRunRecord::startTime).filter(t -> t != null).min(Instant::compareTo);
        Optional<Instant> last = tasks.stream().map(TaskRunRecord::endTime).filter(t -> t != null).max(Instant::compareTo);
        if (first.isEmpty() || last.isEmpty()) {
            return "(no task run has both started and ended)\n";
        }
        long span = Math.max(1, Duration.between(first.get(), last.get()).toNanos());
        int width = tasks.stream().mapToInt(t -> t.name().length()).max().orElse(0);
        StringBuilder out = new StringBuilder();
        for (TaskRunRecord task : tasks) {
            char[] bar = " ".repeat(TIMELINE_WIDTH).toCharArray();
            if (task.startTime() != null) {
                Instant end = task.endTime() != null ? task.endTime() : last.get();
                int from = column(first.get(), task.startTime(), span);
                int to = Math.max(from, column(first.get(), end, span));
                for (int i = from; i <= Math.min(to, TIMELINE_WIDTH - 1); i++) {
                    bar[i] = '#';
                }
                for (Instant retry : task.attemptStartTimes().subList(Math.min(1, task.attemptStartTimes().size()), task.attemptStartTimes().size())) {
                    bar[Math.min(column(first.get(), retry, span), TIMELINE_WIDTH - 1)] = 'r';
                }
            }
            out.append(task.name()).append(" ".repeat(width - task.name().length())).append(" |").append(bar).append("| ")
                    .append(task.cacheHit() ? "cached" : task.duration().map(d -> d.toMillis() + " ms").orElse(task.state().name())).append('\n');
        }
        return out.toString();
    }

    private static int column(Instant first, Instant time, long span) {
        return (int) Math.min(TIMELINE_WIDTH - 1, Duration.between(first, time).toNanos() * TIMELINE_WIDTH / span);
    }

    static String time(Instant instant) {
        return TIME.format(instant);
    }

    static String took(Duration duration) {
        long millis = duration.toMillis();
        return millis < 1000 ? millis + " ms" : millis < 120_000 ? String.format(Locale.ROOT, "%.1f s", millis / 1000.0)
                : String.format(Locale.ROOT, "%d min %d s", millis / 60_000, millis / 1000 % 60);
    }

    /** Rows as left-aligned columns two spaces apart, trailing blanks trimmed. */
    private static String columns(List<String[]> rows) {
        int[] widths = new int[rows.getFirst().length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]).append(" ".repeat(widths[i] - row[i].length() + 2));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
