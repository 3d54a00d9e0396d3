package dev.rivulet.internal.history;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Where captured log lines go: the tails of the flow runs being recorded, by flow run id, which
 * a line logged during a run carries in Logback's MDC ({@code flowRun}), or which Rivulet's own
 * thread-local gives for slf4j-simple, whose MDC keeps nothing. The capture itself
 * depends on the SLF4J backend and is installed once per JVM, when the first run is recorded:
 * an appender on Logback's root logger, or, for slf4j-simple, a pass-through of {@code System.err}
 * and {@code System.out} that recognises its lines. Other backends are not captured.
 */
final class RunLogs {

    private static final Map<String, LogTail> TAILS = new ConcurrentHashMap<>();
    private static volatile Boolean capturing;

    private RunLogs() {}

    /** Whether log lines of this JVM's backend are captured; installs the capture the first time. */
    static boolean capturing() {
        Boolean installed = capturing;
        if (installed == null) {
            synchronized (RunLogs.class) {
                installed = capturing;
                if (installed == null) {
                    installed = install(LoggerFactory.getILoggerFactory());
                    capturing = installed;
                }
            }
        }
        return installed;
    }

    private static boolean install(ILoggerFactory backend) {
        switch (backend.getClass().getName()) {
            case "ch.qos.logback.classic.LoggerContext" -> LogbackCapture.install(backend);
            case "org.slf4j.simple.SimpleLoggerFactory" -> SimpleLoggerCapture.install();
            default -> {
                return false;
            }
        }
        return true;
    }

    static void register(String flowRunId, LogTail tail) {
        TAILS.put(flowRunId, tail);
    }

    static void unregister(String flowRunId) {
        TAILS.remove(flowRunId);
    }

    /** {@return the tail of the recorded flow run of this id, or null if it is not recorded} */
    static LogTail tail(String flowRunId) {
        return flowRunId == null ? null : TAILS.get(flowRunId);
    }
}
