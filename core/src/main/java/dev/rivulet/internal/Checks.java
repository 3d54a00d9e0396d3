package dev.rivulet.internal;

import dev.rivulet.InvalidDefinitionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/** The checks option builders make on each value, with messages that name the attribute and the value. */
public final class Checks {

    private Checks() {}

    public static String notBlank(String value, String attribute) {
        Objects.requireNonNull(value, attribute);
        if (value.isBlank()) {
            throw new InvalidDefinitionException(attribute + " must not be blank, was '" + value + "'");
        }
        return value;
    }

    public static int notNegative(int value, String attribute) {
        if (value < 0) {
            throw new InvalidDefinitionException(attribute + " must not be negative, was " + value);
        }
        return value;
    }

    public static Duration positive(Duration value, String attribute) {
        Objects.requireNonNull(value, attribute);
        if (value.isNegative() || value.isZero()) {
            throw new InvalidDefinitionException(attribute + " must be positive, was " + value);
        }
        return value;
    }

    public static Collection<Duration> notNegative(Collection<Duration> values, String attribute) {
        for (Duration value : values) {
            if (Objects.requireNonNull(value, attribute).isNegative()) {
                throw new InvalidDefinitionException(attribute + " must not be negative, was " + value);
            }
        }
        return values;
    }

    /** Parses each text as a duration ({@link Durations#parse}). */
    public static List<Duration> durations(String[] texts, String attribute) {
        List<Duration> parsed = new ArrayList<>(texts.length);
        for (String text : texts) {
            parsed.add(Durations.parse(text, attribute));
        }
        return parsed;
    }
}
