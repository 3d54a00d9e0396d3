package dev.rivulet.internal.attempt;

import dev.rivulet.AttemptFailure;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Turns failures into {@link AttemptFailure} records, and keeps the last few of a run's. The limits
 * are those {@link AttemptFailure} documents.
 */
public final class AttemptFailures {

    static final int KEPT = 10;
    private static final int MAX_FRAMES = 10;
    private static final int MAX_CAUSES = 3;
    private static final int MAX_MESSAGE = 1_000;

    /** The last {@link #KEPT} records, oldest first; guarded by this. */
    private final ArrayDeque<AttemptFailure> kept = new ArrayDeque<>(2);

    synchronized void add(AttemptFailure failure) {
        if (kept.size() == KEPT) {
            kept.removeFirst();
        }
        kept.addLast(failure);
    }

    synchronized List<AttemptFailure> list() {
        return List.copyOf(kept);
    }

    synchronized AttemptFailure last() {
        return kept.peekLast();
    }

    /** The record of {@code failure}; reading the exception never throws out of here. */
    public static AttemptFailure of(int attempt, Instant time, Throwable failure) {
        List<String> lines = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        seen.add(failure);
        addFrames(lines, failure.getStackTrace());
        Throwable cause = failure.getCause();
        for (int causes = 0; cause != null && causes < MAX_CAUSES && seen.add(cause); causes++) {
            lines.add("Caused by: " + summary(cause));
            addFrames(lines, cause.getStackTrace());
            cause = cause.getCause();
        }
        return new AttemptFailure(attempt, time, failure.getClass().getName(), message(failure), lines);
    }

    private static void addFrames(List<String> lines, StackTraceElement[] frames) {
        int shown = Math.min(frames.length, MAX_FRAMES);
        for (int i = 0; i < shown; i++) {
            lines.add("at " + frames[i]);
        }
        if (frames.length > shown) {
            lines.add("... " + (frames.length - shown) + " more");
        }
    }

    private static String summary(Throwable t) {
        String message = message(t);
        return message == null ? t.getClass().getName() : t.getClass().getName() + ": " + message;
    }

    /** The message, truncated; a message that cannot be read is described instead. */
    private static String message(Throwable t) {
        String message;
        try {
            message = t.getMessage();
        } catch (RuntimeException e) {
            return "(its getMessage() threw " + e.getClass().getName() + ")";
        }
        if (message == null || message.length() <= MAX_MESSAGE) {
            return message;
        }
        return message.substring(0, MAX_MESSAGE) + "... (" + (message.length() - MAX_MESSAGE) + " more characters)";
    }
}
