package dev.rivulet;

import java.time.Duration;
import java.util.Objects;

/**
 * Reads durations as Rivulet writes them everywhere: in {@link Task @Task} and {@link Flow @Flow}
 * attributes ({@code retryDelay = "1s"}), in the options builders' text overloads, and on the
 * command line ({@code --timeout 5m}). Two forms are accepted:
 *
 * <ul>
 *   <li>a number and a unit: {@code "500ms"}, {@code "30s"}, {@code "1.5s"}, {@code "5m"}, {@code
 *       "1h"}, {@code "2d"} (milliseconds, seconds, minutes, hours, days; {@code "5 m"} too);
 *   <li>ISO-8601, as {@link Duration#parse}: {@code "PT30S"}, {@code "P1DT2H"}.
 * </ul>
 *
 * {@snippet file="dev/rivulet/snippets/DurationsSnippetsTest.java" region="parse"}
 */
public final class Durations {

    private Durations() {}

    /**
     * {@code text} as a duration; surrounding spaces are ignored.
     *
     * @param text such as {@code "30s"}, {@code "1h"} or {@code "PT1H30M"}
     * @return the duration, zero or positive
     * @throws IllegalArgumentException naming {@code text} and the accepted forms when it is in
     *     neither form, or when it is negative ({@code "-1s"})
     */
    public static Duration parse(String text) {
        Objects.requireNonNull(text, "text");
        Duration duration = dev.rivulet.internal.option.Durations.tryParse(text)
                .orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not a duration: " + dev.rivulet.internal.option.Durations.FORMS));
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a duration must not be negative, was '" + text + "'");
        }
        return duration;
    }
}
