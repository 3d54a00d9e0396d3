package dev.rivulet.history;

import java.time.Instant;
import java.util.Objects;

/**
 * A line logged during a flow run, kept in its record's {@link FlowRunRecord#logTail() log tail}.
 *
 * @param time when it was logged
 * @param level the level: {@code ERROR}, {@code WARN}, {@code INFO}, {@code DEBUG} or {@code TRACE}
 * @param logger the logger's name
 * @param taskRunId the id of the task run it was logged in; null if logged by the flow itself
 * @param message the message with its arguments filled in, the first 2,000 characters; for a line
 *     logged with an exception, followed by a line with the exception's class and message
 */
public record LogLine(Instant time, String level, String logger, String taskRunId, String message) {

    /**
     * Checks that no part but the task run's id is missing.
     *
     * @throws NullPointerException if {@code time}, {@code level}, {@code logger} or {@code message} is null
     */
    public LogLine {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(logger, "logger");
        Objects.requireNonNull(message, "message");
    }
}
