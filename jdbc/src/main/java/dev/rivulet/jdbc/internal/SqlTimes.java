package dev.rivulet.jdbc.internal;

import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;

/**
 * SQL {@code TIME} values as text, to microseconds: what java.sql.Time cannot hold; and date-times
 * to microseconds since the epoch.
 */
final class SqlTimes {

    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final long MICROS_PER_DAY = 86_400L * MICROS_PER_SECOND;
    private static final int NANOS_PER_MICRO = 1_000;

    private SqlTimes() {}

    /**
     * Microseconds of a time written {@code [-]H+:MM:SS[.f{1,9}]}, as MariaDB and MySQL write
     * {@code TIME} values from -838:59:59.999999 to 838:59:59.999999.
     *
     * @param text the value as the driver gives it
     * @param column the column, for the message of a value that is not a time
     * @return the signed duration in microseconds; digits past the sixth of a second are dropped
     * @throws SQLException if {@code text} is not a time
     */
    static long micros(String text, SqlColumn column) throws SQLException {
        boolean negative = text.startsWith("-");
        int start = negative ? 1 : 0;
        int firstColon = text.indexOf(':', start);
        int secondColon = firstColon < 0 ? -1 : text.indexOf(':', firstColon + 1);
        if (firstColon <= start || secondColon != firstColon + 3 || text.length() < secondColon + 3) {
            throw notATime(text, column, null);
        }
        try {
            long hours = Long.parseLong(text, start, firstColon, 10);
            long minutes = Long.parseLong(text, firstColon + 1, secondColon, 10);
            long seconds = Long.parseLong(text, secondColon + 1, secondColon + 3, 10);
            long fraction = fractionMicros(text, secondColon + 3, column);
            if (minutes > 59 || seconds > 59) {
                throw notATime(text, column, null);
            }
            long micros = ((hours * 60 + minutes) * 60 + seconds) * MICROS_PER_SECOND + fraction;
            return negative ? -micros : micros;
        } catch (NumberFormatException e) {
            throw notATime(text, column, e);
        }
    }

    private static long fractionMicros(String text, int from, SqlColumn column) throws SQLException {
        if (from == text.length()) {
            return 0;
        }
        if (text.charAt(from) != '.' || from + 1 == text.length()) {
            throw notATime(text, column, null);
        }
        long micros = 0;
        for (int i = 0; i < 6; i++) {
            int at = from + 1 + i;
            int digit = at < text.length() ? Character.digit(text.charAt(at), 10) : 0;
            if (digit < 0) {
                throw notATime(text, column, null);
            }
            micros = micros * 10 + digit;
        }
        return micros;
    }

    /**
     * Microseconds from 1970-01-01T00:00 to a wall-clock date-time, as {@code
     * ChronoUnit.MICROS.between(1970-01-01T00:00, value)} counts them (toward zero, failing past a
     * {@code long}), computed from the day and the time of day rather than through {@code between}'s
     * {@code LocalDateTime.until}: 30 ms less CPU per 1M rows (docs/jdbc.md, "Speed").
     *
     * @param value the date-time
     * @return its microseconds since 1970-01-01T00:00
     * @throws ArithmeticException if they do not fit a {@code long}
     */
    static long micros(LocalDateTime value) {
        long nanoOfDay = value.toLocalTime().toNanoOfDay();
        return towardZero(Math.addExact(Math.multiplyExact(value.toLocalDate().toEpochDay(), MICROS_PER_DAY), nanoOfDay / NANOS_PER_MICRO),
                nanoOfDay % NANOS_PER_MICRO != 0);
    }

    /**
     * Microseconds from 1970-01-01T00:00Z to an instant, as {@code ChronoUnit.MICROS.between}
     * counts them; see {@link #micros(LocalDateTime)}.
     *
     * @param value the date-time and its offset
     * @return its microseconds since the epoch
     * @throws ArithmeticException if they do not fit a {@code long}
     */
    static long micros(OffsetDateTime value) {
        int nano = value.getNano();
        return towardZero(Math.addExact(Math.multiplyExact(value.toEpochSecond(), MICROS_PER_SECOND), nano / NANOS_PER_MICRO),
                nano % NANOS_PER_MICRO != 0);
    }

    /**
     * A count of microseconds rounded toward zero, from its floor: the floor of a negative count that
     * dropped part of a microsecond is one less than {@code between}'s.
     */
    private static long towardZero(long floorMicros, boolean droppedNanos) {
        return floorMicros < 0 && droppedNanos ? floorMicros + 1 : floorMicros;
    }

    private static SQLException notATime(String text, SqlColumn column, Exception cause) {
        return new SQLException(column.describe() + " has the value '" + text + "', which is not a time [-]H:MM:SS[.ffffff]", cause);
    }
}
