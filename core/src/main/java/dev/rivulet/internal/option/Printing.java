package dev.rivulet.internal.option;

import java.util.Collection;
import java.util.stream.Collectors;

/** How option values print: as themselves, or by their class where they do not say what they are. */
final class Printing {

    private Printing() {}

    static String describe(Object value) {
        if (value instanceof Collection<?> values) {
            return values.stream().map(Printing::describe).collect(Collectors.joining(", ", "[", "]"));
        }
        return saysWhatItIs(value.getClass()) ? value.toString() : value.getClass().getName();
    }

    /** Whether the class has a {@code toString} of its own, rather than {@code Object}'s identity hash. */
    private static boolean saysWhatItIs(Class<?> type) {
        try {
            return type.getMethod("toString").getDeclaringClass() != Object.class;
        } catch (NoSuchMethodException e) {
            throw new AssertionError("every class has toString", e);
        }
    }
}
