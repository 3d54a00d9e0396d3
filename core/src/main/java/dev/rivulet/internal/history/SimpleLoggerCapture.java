package dev.rivulet.internal.history;

import dev.rivulet.history.LogLine;
import dev.rivulet.internal.attempt.MdcScope;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Set;

/**
 * slf4j-simple has no appenders: it prints each line to {@code System.err} (or {@code System.out}),
 * looked up at every line unless told to cache it. So the capture passes both streams through and
 * copies lines printed during a recorded flow run that have slf4j-simple's layout, {@code [thread]
 * LEVEL logger - message} (the thread, date and brackets as configured), to the run's tail. Other
 * output, a stack trace included, is passed through and not copied.
 */
final class SimpleLoggerCapture extends PrintStream {

    private static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "WARNING", "ERROR");
    private static final String SEPARATOR = " - ";

    private SimpleLoggerCapture(PrintStream target) {
        super(target, true);
    }

    static synchronized void install() {
        if (!(System.err instanceof SimpleLoggerCapture)) {
            System.setErr(new SimpleLoggerCapture(System.err));
        }
        if (!(System.out instanceof SimpleLoggerCapture)) {
            System.setOut(new SimpleLoggerCapture(System.out));
        }
    }

    @Override
    public void println(String line) {
        super.println(line);
        // slf4j-simple's MDC keeps nothing: the ids come from Rivulet's own thread-local
        String flowRun = MdcScope.currentFlowRunId();
        if (flowRun != null && line != null) {
            LogTail tail = RunLogs.tail(flowRun);
            if (tail != null) {
                copy(tail, line, MdcScope.currentTaskRunId());
            }
        }
    }

    /** Copies {@code line} if it has slf4j-simple's layout: the level and the logger's name are the last two words before " - ". */
    static void copy(LogTail tail, String line, String taskRun) {
        int separator = line.indexOf(SEPARATOR);
        if (separator < 0) {
            return;
        }
        String[] words = line.substring(0, separator).trim().split(" +");
        if (words.length < 2) {
            return;
        }
        String level = words[words.length - 2].replace("[", "").replace("]", "");
        if (!LEVELS.contains(level)) {
            return;
        }
        tail.add(new LogLine(Instant.now(), level.equals("WARNING") ? "WARN" : level, words[words.length - 1], taskRun,
                LogTail.bounded(line.substring(separator + SEPARATOR.length()))));
    }
}
