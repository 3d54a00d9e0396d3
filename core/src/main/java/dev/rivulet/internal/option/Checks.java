package dev.rivulet.internal.option;

import dev.rivulet.InvalidDefinitionException;
import dev.rivulet.result.StoreSupport;
import java.math.BigDecimal;
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

    /** A finite number of at least {@code least}: {@code "retryBackoff must be a finite number of at least 1, was 0.5"}. */
    public static double finiteAtLeast(double value, double least, String attribute) {
        if (!(value >= least) || Double.isInfinite(value)) {
            throw new InvalidDefinitionException(attribute + " must be a finite number of at least "
                    + BigDecimal.valueOf(least).stripTrailingZeros().toPlainString() + ", was " + value);
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

    /**
     * Checks what can be checked of a result storage key template without its task: every key it
     * renders stays under the store's root, and its literal text is made of what keys may hold.
     * Placeholders are checked against the task's parameters when the template is given to a task.
     */
    public static String storageKeyTemplate(String template) {
        notBlank(template, "resultStorageKey");
        List<Object> parts;
        try {
            parts = Templates.parse(template, placeholder -> PLACEHOLDER);
        } catch (IllegalArgumentException e) {
            throw new InvalidDefinitionException("resultStorageKey '" + template + "': " + e.getMessage(), e);
        }
        StringBuilder shape = new StringBuilder();
        for (Object part : parts == null ? List.<Object>of(template) : parts) {
            shape.append(part == PLACEHOLDER ? "x" : part);
        }
        if (shape.charAt(0) == '/' || List.of(shape.toString().split("/")).contains("..")) {
            throw new InvalidDefinitionException("resultStorageKey '" + template + "' leaves the result store's root; "
                    + "keys are relative paths without '..' segments");
        }
        try {
            StoreSupport.checkKey(shape.toString());
        } catch (IllegalArgumentException e) {
            throw new InvalidDefinitionException("resultStorageKey '" + template + "' cannot make a valid storage key (read with "
                    + "each placeholder as 'x': " + e.getMessage() + ")", e);
        }
        return template;
    }

    /** What a placeholder stands for while a template's literal text is checked. */
    private static final Object PLACEHOLDER = new Object();
}
