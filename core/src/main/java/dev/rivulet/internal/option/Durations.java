package dev.rivulet.internal.option;

import dev.rivulet.InvalidDefinitionException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the durations of annotations and options: ISO-8601 or a number with a unit. */
public final class Durations {

    /** The forms a duration takes, for the messages that reject one. */
    public static final String FORMS = "use ISO-8601 (\"PT30S\") or a number with ms, s, m, h or d (\"30s\")";

    private static final Pattern SHORT = Pattern.compile("([-+]?\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)");

    private Durations() {}

    /**
     * Parses {@code text} as {@code "PT30S"}, {@code "500ms"}, {@code "30s"}, {@code "5m"}, {@code
     * "1h"} or {@code "2d"}.
     *
     * @param attribute the attribute's name, for the error message
     * @throws InvalidDefinitionException naming the attribute and the text when it is neither, or negative
     */
    public static Duration parse(String text, String attribute) {
        if (text == null) {
            throw new InvalidDefinitionException(attribute + " must not be null");
        }
        Duration d = tryParse(text).orElseThrow(() -> new InvalidDefinitionException(attribute + " '" + text + "' is not a duration: " + FORMS));
        if (d.isNegative()) {
            throw new InvalidDefinitionException(attribute + " must not be negative, was '" + text + "'");
        }
        return d;
    }

    /** {@code text} as a duration in either form, negative ones included, or empty when it is in neither. */
    public static Optional<Duration> tryParse(String text) {
        String t = text.trim();
        Matcher m = SHORT.matcher(t);
        if (m.matches()) {
            double amount = Double.parseDouble(m.group(1));
            double millis = switch (m.group(2)) {
                case "ms" -> amount;
                case "s" -> amount * 1_000;
                case "m" -> amount * 60_000;
                case "h" -> amount * 3_600_000;
                default -> amount * 86_400_000;
            };
            return Optional.of(Duration.ofNanos(Math.round(millis * 1_000_000)));
        }
        try {
            return Optional.of(Duration.parse(t));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
