package dev.rivulet.internal.history;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Instants as {@link Instant#toString()} writes them ({@code 2026-12-05T05:50:10.561063847Z}, the
 * fraction in groups of three digits, as many as it needs), made by arithmetic into a character
 * array. A run record holds four instants a detailed task run, and {@code DateTimeFormatter}, which
 * {@code Instant.toString()} and Jackson's own serializer go through, took a third of the time the
 * history's thread spent encoding a record (see docs/run-history.md, "What it costs").
 */
final class InstantText {

    /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the years written with four digits and no sign. */
    private static final long FIRST_FAST_SECOND = -62_167_219_200L;
    private static final long LAST_FAST_SECOND = 253_402_300_799L;
    private static final int SECONDS_PER_DAY = 86_400;
    /** The longest text {@link #write} makes: {@code 2026-12-05T05:50:10.561063847Z}. */
    static final int TEXT_LENGTH = 30;

    private InstantText() {}

    /** {@return a module that writes instants with {@link #write}} */
    static SimpleModule module() {
        return new SimpleModule("rivulet-instant-text").addSerializer(Instant.class, new StdSerializer<>(Instant.class) {
            @Override
            public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                char[] text = new char[TEXT_LENGTH];
                int length = write(value, text);
                if (length < 0) {
                    generator.writeString(value.toString());
                } else {
                    generator.writeString(text, 0, length);
                }
            }
        });
    }

    /**
     * Writes {@code instant} as {@link Instant#toString()} does into {@code text} ({@link
     * #TEXT_LENGTH} characters at least) and returns how many characters it wrote; -1, having
     * written nothing, for a year beyond 0000–9999, which {@code toString()} itself writes.
     */
    static int write(Instant instant, char[] text) {
        long seconds = instant.getEpochSecond();
        if (seconds < FIRST_FAST_SECOND || seconds > LAST_FAST_SECOND) {
            return -1;
        }
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, SECONDS_PER_DAY));
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        digits(text, 0, date.getYear(), 4);
        text[4] = '-';
        digits(text, 5, date.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, date.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, secondOfDay / 3600, 2);
        text[13] = ':';
        digits(text, 14, secondOfDay / 60 % 60, 2);
        text[16] = ':';
        digits(text, 17, secondOfDay % 60, 2);
        int length = 19;
        int nanos = instant.getNano();
        if (nanos != 0) {
            text[length++] = '.';
            if (nanos % 1_000_000 == 0) {
                digits(text, length, nanos / 1_000_000, 3);
                length += 3;
            } else if (nanos % 1_000 == 0) {
                digits(text, length, nanos / 1_000, 6);
                length += 6;
            } else {
                digits(text, length, nanos, 9);
                length += 9;
            }
        }
        text[length++] = 'Z';
        return length;
    }

    /** Writes {@code value} as {@code count} decimal digits, zero-padded, at {@code from}. */
    private static void digits(char[] text, int from, int value, int count) {
        for (int i = from + count - 1; i >= from; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
