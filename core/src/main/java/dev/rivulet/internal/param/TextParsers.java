package dev.rivulet.internal.param;

import dev.rivulet.Durations;
import dev.rivulet.InvalidDefinitionException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the text of a parameter given from outside (a command-line option, a system property, an
 * environment variable, a default) into a value of the parameter's type. One parser a type, made
 * once when a flow's parameters are read, so an unsupported type fails then, not at launch.
 */
public final class TextParsers {

    private static final Pattern RELATIVE_DAY = Pattern.compile("today\\s*([+-])\\s*(\\d{1,6})");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d[\\d_]*");

    private TextParsers() {}

    /** Whether {@code text} is a default read from the clock when bound: today, yesterday, tomorrow, today-N, today+N, now. */
    public static boolean isDynamic(String text) {
        String lower = text.strip().toLowerCase(Locale.ROOT);
        return lower.equals("today") || lower.equals("yesterday") || lower.equals("tomorrow") || lower.equals("now")
                || RELATIVE_DAY.matcher(lower).matches();
    }

    /** Parses one parameter's text. */
    public interface Parser {
        /**
         * The value of {@code text}.
         *
         * @throws IllegalArgumentException saying what was wrong with the text, without naming the parameter
         */
        Object parse(String text);

        /** The kind of text taken, for help and messages: {@code "date (2023-09-01, today, yesterday, today-7)"}. */
        String describe();
    }

    private record Simple(String describe, Function<String, Object> parse) implements Parser {
        @Override
        public Object parse(String text) {
            try {
                return parse.apply(text.strip());
            } catch (DateTimeParseException | NumberFormatException e) {
                throw new IllegalArgumentException("\"" + text + "\" is not a " + describe);
            }
        }
    }

    /**
     * The parser for {@code type}, whose dynamic dates and times are taken in {@code zone} by {@code clock}.
     *
     * @param where the parameter, for the message when its type cannot be given as text
     * @throws InvalidDefinitionException if {@code type} has no text form
     */
    public static Parser forType(Type type, ZoneId zone, Clock clock, String where) {
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw) {
            Type element = parameterized.getActualTypeArguments()[0];
            if (raw == List.class || raw == Set.class) {
                return collection(forType(element, zone, clock, where), raw == Set.class);
            }
            if (raw == Optional.class) {
                Parser inner = forType(element, zone, clock, where);
                return new Simple("optional " + inner.describe() + ", empty for none",
                        text -> text.isEmpty() ? Optional.empty() : Optional.of(inner.parse(text)));
            }
            throw unsupported(type, where);
        }
        if (!(type instanceof Class<?> cls)) {
            throw unsupported(type, where);
        }
        Parser parser = scalar(cls, zone, clock);
        if (parser == null) {
            parser = byFactory(cls);
        }
        if (parser == null) {
            throw unsupported(type, where);
        }
        return parser;
    }

    private static InvalidDefinitionException unsupported(Type type, String where) {
        return new InvalidDefinitionException(where + " has type " + type.getTypeName() + ", which cannot be given as text; use a"
                + " string, number, boolean, enum, date or time, Duration, Path, URI, a List, Set or Optional of one of these,"
                + " a Secret, or a type with a static valueOf(String), fromString(String) or parse(CharSequence)");
    }

    private static Parser scalar(Class<?> cls, ZoneId zone, Clock clock) {
        if (cls == String.class) {
            return new Simple("string", text -> text);
        }
        if (cls == boolean.class || cls == Boolean.class) {
            return new Simple("boolean (true, false, yes, no, on, off)", TextParsers::parseBoolean);
        }
        if (cls == int.class || cls == Integer.class) {
            return integer("integer", text -> Integer.parseInt(text));
        }
        if (cls == long.class || cls == Long.class) {
            return integer("integer", text -> Long.parseLong(text));
        }
        if (cls == short.class || cls == Short.class) {
            return integer("integer (16 bits)", text -> Short.parseShort(text));
        }
        if (cls == byte.class || cls == Byte.class) {
            return integer("integer (8 bits)", text -> Byte.parseByte(text));
        }
        if (cls == BigInteger.class) {
            return integer("integer", BigInteger::new);
        }
        if (cls == double.class || cls == Double.class) {
            return new Simple("number (1.5, 2e-3)", text -> Double.parseDouble(text.replace("_", "")));
        }
        if (cls == float.class || cls == Float.class) {
            return new Simple("number (1.5, 2e-3)", text -> Float.parseFloat(text.replace("_", "")));
        }
        if (cls == BigDecimal.class) {
            return new Simple("decimal number (12.50)", text -> new BigDecimal(text.replace("_", "")));
        }
        if (cls == LocalDate.class) {
            return new Simple("date (2023-09-01, today, yesterday, tomorrow, today-7, today+1)", text -> date(text, zone, clock));
        }
        if (cls == LocalDateTime.class) {
            return new Simple("date-time (2023-09-01T06:30, now)",
                    text -> text.equalsIgnoreCase("now") ? LocalDateTime.now(clock.withZone(zone)) : LocalDateTime.parse(text));
        }
        if (cls == LocalTime.class) {
            return new Simple("time (06:30, 06:30:15, now)",
                    text -> text.equalsIgnoreCase("now") ? LocalTime.now(clock.withZone(zone)) : LocalTime.parse(text));
        }
        if (cls == Instant.class) {
            return new Simple("instant (2023-09-01T06:30:00Z, 2023-09-01T08:30+02:00, 2023-09-01 at midnight in " + zone
                    + ", today, yesterday, now)", text -> instant(text, zone, clock));
        }
        if (cls == OffsetDateTime.class) {
            return new Simple("date-time with offset (2023-09-01T06:30+02:00)", OffsetDateTime::parse);
        }
        if (cls == ZonedDateTime.class) {
            return new Simple("date-time with zone (2023-09-01T06:30+02:00[Europe/Paris])", ZonedDateTime::parse);
        }
        if (cls == YearMonth.class) {
            return new Simple("month (2023-09)", YearMonth::parse);
        }
        if (cls == Duration.class) {
            return new Simple("duration (500ms, 30s, 5m, 1h, 2d, PT1H30M)", Durations::parse);
        }
        if (cls == Path.class) {
            return new Simple("path", Path::of);
        }
        if (cls == URI.class) {
            return new Simple("URI", URI::create);
        }
        if (cls.isEnum()) {
            return enumeration(cls);
        }
        return null;
    }

    private static Parser integer(String describe, Function<String, Object> parse) {
        return new Simple(describe + " (42, -7, 1_000_000)", text -> {
            if (!INTEGER.matcher(text).matches()) {
                throw new NumberFormatException(text);
            }
            return parse.apply(text.replace("_", ""));
        });
    }

    private static Boolean parseBoolean(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException("\"" + text + "\" is not a boolean (true, false, yes, no, on, off)");
        };
    }

    private static LocalDate date(String text, ZoneId zone, Clock clock) {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        switch (text.toLowerCase(Locale.ROOT)) {
            case "today":
                return today;
            case "yesterday":
                return today.minusDays(1);
            case "tomorrow":
                return today.plusDays(1);
            default:
                break;
        }
        Matcher relative = RELATIVE_DAY.matcher(text.toLowerCase(Locale.ROOT));
        if (relative.matches()) {
            long days = Long.parseLong(relative.group(2));
            return relative.group(1).equals("+") ? today.plusDays(days) : today.minusDays(days);
        }
        return LocalDate.parse(text);
    }

    private static Instant instant(String text, ZoneId zone, Clock clock) {
        if (text.equalsIgnoreCase("now")) {
            return clock.instant();
        }
        if (text.length() <= 10 || text.toLowerCase(Locale.ROOT).startsWith("today") || text.equalsIgnoreCase("yesterday")
                || text.equalsIgnoreCase("tomorrow")) {
            return date(text, zone, clock).atStartOfDay(zone).toInstant();
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return LocalDateTime.parse(text).atZone(zone).toInstant();
        }
    }

    private static Parser enumeration(Class<?> cls) {
        Object[] constants = cls.getEnumConstants();
        List<String> names = Arrays.stream(constants).map(c -> ((Enum<?>) c).name()).toList();
        return new Simple("one of " + String.join(", ", names), text -> {
            String wanted = text.replace('-', '_');
            for (Object constant : constants) {
                if (((Enum<?>) constant).name().equalsIgnoreCase(wanted)) {
                    return constant;
                }
            }
            throw new IllegalArgumentException("\"" + text + "\" is not one of " + String.join(", ", names));
        });
    }

    /** A parser through the type's own {@code static valueOf(String)}, {@code fromString(String)} or {@code parse(CharSequence)}, if it has one. */
    private static Parser byFactory(Class<?> cls) {
        for (Method method : cls.getMethods()) {
            boolean factory = Modifier.isStatic(method.getModifiers()) && method.getReturnType() == cls && method.getParameterCount() == 1
                    && (((method.getName().equals("valueOf") || method.getName().equals("fromString")) && method.getParameterTypes()[0] == String.class)
                            || (method.getName().equals("parse") && method.getParameterTypes()[0] == CharSequence.class));
            if (factory) {
                return new Simple(cls.getSimpleName() + " (as " + cls.getSimpleName() + "." + method.getName() + " reads it)", text -> {
                    try {
                        return method.invoke(null, text);
                    } catch (ReflectiveOperationException e) {
                        Throwable cause = e.getCause() == null ? e : e.getCause();
                        throw new IllegalArgumentException("\"" + text + "\" is not a " + cls.getSimpleName() + ": " + cause.getMessage(), cause);
                    }
                });
            }
        }
        return null;
    }

    /**
     * Comma-separated elements, each trimmed; an empty text is an empty collection. An element cannot
     * hold a comma.
     */
    private static Parser collection(Parser element, boolean set) {
        return new Simple((set ? "set" : "list") + " of " + element.describe() + ", separated by commas", text -> {
            List<Object> values = new ArrayList<>();
            if (!text.isEmpty()) {
                for (String part : text.split(",", -1)) {
                    values.add(element.parse(part.strip()));
                }
            }
            return set ? Collections.unmodifiableSet(new LinkedHashSet<>(values)) : List.copyOf(values);
        });
    }
}
