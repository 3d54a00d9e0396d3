package dev.rivulet.internal.cache;

import dev.rivulet.internal.structure.Structure;
import java.io.File;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * How {@link StableHash} encodes a value of a class, and the tag byte that starts the encoding.
 * Tags are part of the hash format: a tag never changes meaning, or every stored hash would.
 */
enum ValueKind {
    NULL(0),
    HASHED_AS(1),
    /** A {@link String} or any other {@link CharSequence}, by its text. */
    STRING(2),
    BOOLEAN(3),
    BYTE(4),
    SHORT(5),
    CHARACTER(6),
    INTEGER(7),
    LONG(8),
    FLOAT(9),
    DOUBLE(10),
    ENUM(11),
    RECORD(12),
    /** A {@link List} or {@link Deque}: its elements in order. */
    SEQUENCE(13),
    SET(14),
    MAP(15),
    BYTE_ARRAY(16),
    BOOLEAN_ARRAY(17),
    CHAR_ARRAY(18),
    SHORT_ARRAY(19),
    INT_ARRAY(20),
    LONG_ARRAY(21),
    FLOAT_ARRAY(22),
    DOUBLE_ARRAY(23),
    OBJECT_ARRAY(24),
    OPTIONAL(25),
    OPTIONAL_INT(26),
    OPTIONAL_LONG(27),
    OPTIONAL_DOUBLE(28),
    /** A {@code java.time} value that is not a zone: its class name and ISO text. */
    DATE_TIME(29),
    ZONE(30),
    UUID(31),
    BIG_DECIMAL(32),
    BIG_INTEGER(33),
    PATH(34),
    FILE(35),
    URI(36),
    URL(37),
    CLASS(38),
    BYTE_BUFFER(39),
    LOCALE(40),
    CHARSET(41),
    PATTERN(42),
    /**
     * Not a kind of class: the tag of a task run's result written as its run's lineage, in place of
     * its content (see {@link Lineages}).
     */
    LINEAGE(43),
    /**
     * A {@link dev.rivulet.secret.Secret}: its name, never its value, since keys are stored where
     * others can read them and a hash of a password lets anyone test guesses against it.
     */
    SECRET(44),
    /** No encoding: hashing such a value fails. */
    UNSUPPORTED(-1);

    private static final Map<Class<?>, ValueKind> BY_EXACT_CLASS = Map.ofEntries(
            Map.entry(String.class, STRING),
            Map.entry(Boolean.class, BOOLEAN),
            Map.entry(Byte.class, BYTE),
            Map.entry(Short.class, SHORT),
            Map.entry(Character.class, CHARACTER),
            Map.entry(Integer.class, INTEGER),
            Map.entry(Long.class, LONG),
            Map.entry(Float.class, FLOAT),
            Map.entry(Double.class, DOUBLE),
            Map.entry(byte[].class, BYTE_ARRAY),
            Map.entry(boolean[].class, BOOLEAN_ARRAY),
            Map.entry(char[].class, CHAR_ARRAY),
            Map.entry(short[].class, SHORT_ARRAY),
            Map.entry(int[].class, INT_ARRAY),
            Map.entry(long[].class, LONG_ARRAY),
            Map.entry(float[].class, FLOAT_ARRAY),
            Map.entry(double[].class, DOUBLE_ARRAY),
            Map.entry(Optional.class, OPTIONAL),
            Map.entry(OptionalInt.class, OPTIONAL_INT),
            Map.entry(OptionalLong.class, OPTIONAL_LONG),
            Map.entry(OptionalDouble.class, OPTIONAL_DOUBLE),
            Map.entry(Instant.class, DATE_TIME),
            Map.entry(Duration.class, DATE_TIME),
            Map.entry(Period.class, DATE_TIME),
            Map.entry(LocalDate.class, DATE_TIME),
            Map.entry(LocalTime.class, DATE_TIME),
            Map.entry(LocalDateTime.class, DATE_TIME),
            Map.entry(OffsetTime.class, DATE_TIME),
            Map.entry(OffsetDateTime.class, DATE_TIME),
            Map.entry(ZonedDateTime.class, DATE_TIME),
            Map.entry(Year.class, DATE_TIME),
            Map.entry(YearMonth.class, DATE_TIME),
            Map.entry(MonthDay.class, DATE_TIME),
            Map.entry(java.util.UUID.class, UUID),
            // Subclasses of these may compute their text differently: exact classes only.
            Map.entry(BigDecimal.class, BIG_DECIMAL),
            Map.entry(BigInteger.class, BIG_INTEGER),
            Map.entry(File.class, FILE),
            Map.entry(java.net.URI.class, URI),
            Map.entry(java.net.URL.class, URL),
            Map.entry(Class.class, CLASS),
            Map.entry(Locale.class, LOCALE),
            Map.entry(Pattern.class, PATTERN),
            Map.entry(dev.rivulet.secret.Secret.class, SECRET));

    private static final ClassValue<ValueKind> BY_CLASS = new ClassValue<>() {
        @Override
        protected ValueKind computeValue(Class<?> type) {
            return classify(type);
        }
    };

    final byte tag;

    ValueKind(int tag) {
        this.tag = (byte) tag;
    }

    /**
     * Whether values of this kind are objects of their own, which can be recognised as a task run's
     * result by identity: not boxed primitives, enum constants and classes, which are shared across
     * the JVM.
     */
    boolean distinctObjects() {
        return switch (this) {
            case BOOLEAN, BYTE, SHORT, CHARACTER, INTEGER, LONG, FLOAT, DOUBLE, ENUM, CLASS -> false;
            default -> true;
        };
    }

    static ValueKind of(Class<?> type) {
        return BY_CLASS.get(type);
    }

    private static ValueKind classify(Class<?> type) {
        if (StableHashable.class.isAssignableFrom(type)) {
            return HASHED_AS;
        }
        ValueKind exact = BY_EXACT_CLASS.get(type);
        if (exact != null) {
            return exact;
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return STRING;
        }
        if (Enum.class.isAssignableFrom(type)) {
            return ENUM;
        }
        ValueKind structural = switch (Structure.of(type)) {
            case RECORD -> RECORD;
            case SEQUENCE -> SEQUENCE;
            case SET -> SET;
            case MAP -> MAP;
            case OBJECT_ARRAY -> OBJECT_ARRAY;
            // Other collections have no order to hash by; Optional is an exact class, found above.
            case COLLECTION, OPTIONAL, NONE -> null;
        };
        if (structural != null) {
            return structural;
        }
        if (ZoneId.class.isAssignableFrom(type)) {
            return ZONE;
        }
        if (Path.class.isAssignableFrom(type)) {
            return PATH;
        }
        if (ByteBuffer.class.isAssignableFrom(type)) {
            return BYTE_BUFFER;
        }
        if (Charset.class.isAssignableFrom(type)) {
            return CHARSET;
        }
        return UNSUPPORTED;
    }
}
