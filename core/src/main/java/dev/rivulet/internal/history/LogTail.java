package dev.rivulet.internal.history;

import dev.rivulet.history.LogLine;
import java.util.ArrayDeque;
import java.util.List;

/** The last lines a flow run logged, as many as its record keeps; lines come from any thread. */
final class LogTail {

    static final int MESSAGE_LIMIT = 2_000;

    private final int capacity;
    private final ArrayDeque<LogLine> lines;

    LogTail(int capacity) {
        this.capacity = capacity;
        this.lines = new ArrayDeque<>(Math.min(capacity, 64));
    }

    int capacity() {
        return capacity;
    }

    void add(LogLine line) {
        if (capacity == 0) {
            return;
        }
        synchronized (lines) {
            if (lines.size() == capacity) {
                lines.removeFirst();
            }
            lines.addLast(line);
        }
    }

    List<LogLine> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** A message cut to the length a line keeps. */
    static String bounded(String message) {
        return message.length() <= MESSAGE_LIMIT ? message : message.substring(0, MESSAGE_LIMIT) + "...";
    }
}
