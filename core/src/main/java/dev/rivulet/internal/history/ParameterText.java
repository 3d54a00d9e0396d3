package dev.rivulet.internal.history;

import java.lang.reflect.Array;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A flow argument as text for its run's record, bounded: at most {@link #LIMIT} characters, and
 * collections, maps and arrays rendered only as far as that, so that a list of ten million elements
 * costs no more than a short one. A {@link dev.rivulet.secret.Secret} shows its name, as its
 * {@code toString()} does, wherever it is.
 */
final class ParameterText {

    static final int LIMIT = 1_000;

    private ParameterText() {}

    static String of(Object value) {
        StringBuilder text = new StringBuilder();
        try {
            append(text, value);
        } catch (RuntimeException e) {
            return "(cannot be shown: " + e.getClass().getName() + ")";
        }
        return text.length() <= LIMIT ? text.toString() : text.substring(0, LIMIT) + "...";
    }

    private static void append(StringBuilder text, Object value) {
        if (text.length() > LIMIT) {
            return;
        }
        if (value instanceof Collection<?> collection) {
            appendElements(text, collection.iterator(), collection.size());
        } else if (value instanceof Map<?, ?> map) {
            appendEntries(text, map);
        } else if (value != null && value.getClass().isArray()) {
            int length = Array.getLength(value);
            appendElements(text, IntStream.range(0, length).mapToObj(i -> Array.get(value, i)).iterator(), length);
        } else {
            String shown = String.valueOf(value);
            text.append(shown, 0, Math.min(shown.length(), LIMIT + 1 - Math.min(text.length(), LIMIT)));
        }
    }

    private static void appendElements(StringBuilder text, Iterator<?> elements, int size) {
        text.append('[');
        for (int i = 0; elements.hasNext(); i++) {
            if (text.length() > LIMIT) {
                text.append("... (").append(size).append(" elements)");
                break;
            }
            if (i > 0) {
                text.append(", ");
            }
            append(text, elements.next());
        }
        text.append(']');
    }

    private static void appendEntries(StringBuilder text, Map<?, ?> map) {
        text.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (text.length() > LIMIT) {
                text.append("... (").append(map.size()).append(" entries)");
                break;
            }
            if (!first) {
                text.append(", ");
            }
            first = false;
            append(text, entry.getKey());
            text.append('=');
            append(text, entry.getValue());
        }
        text.append('}');
    }
}
