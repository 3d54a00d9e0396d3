package dev.rivulet;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Why a task run or flow run failed, kept as text: the exception's class, its message and the top
 * of its stack trace, with no live {@link Throwable}, so that it holds none of the objects the
 * exception refers to and can be serialized and sent elsewhere.
 *
 * <p>{@link TaskRun#attemptFailures()} and {@link FlowRun#attemptFailures()} keep one per failed
 * attempt, and an {@link Outcome.Failure} carries one for the upstream run it describes. The text is truncated: the message to its first 1,000
 * characters, the stack trace to the first 10 frames of the exception and of each of its first 3
 * causes.
 *
 * {@snippet file="dev/rivulet/snippets/AttemptFailureSnippetsTest.java" region="attempts"}
 *
 * @param attempt the attempt that failed, from 1; 0 for a failure outside any attempt (an upstream
 *     that failed, a run cancelled before it started or while it waited to retry, a runner that
 *     refused it)
 * @param time when the failure was recorded
 * @param exceptionClass the exception's class name, such as {@code java.io.IOException}
 * @param message the exception's message, truncated; null if it had none
 * @param stackTrace the lines {@link Throwable#printStackTrace()} prints after the first one,
 *     without the leading tab ({@code at com.example.Orders.download(Orders.java:42)}, {@code
 *     Caused by: java.net.ConnectException: Connection refused}, {@code ... 12 more}), truncated
 */
public record AttemptFailure(int attempt, Instant time, String exceptionClass, String message, List<String> stackTrace)
        implements Serializable {

    /**
     * Checks the parts and copies the stack trace.
     *
     * @throws IllegalArgumentException if {@code attempt} is negative
     * @throws NullPointerException if {@code time}, {@code exceptionClass} or {@code stackTrace} is null
     */
    public AttemptFailure {
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt must not be negative, was " + attempt);
        }
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(exceptionClass, "exceptionClass");
        stackTrace = List.copyOf(stackTrace);
    }

    /** {@return the exception's class and message, as {@link Throwable#toString()} writes them} */
    public String summary() {
        return message == null ? exceptionClass : exceptionClass + ": " + message;
    }
}
