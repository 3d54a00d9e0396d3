package dev.rivulet.internal.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Instants in run records read exactly as {@link Instant#toString()} writes them, whatever their value. */
class InstantTextTest {

    @Test
    void writesWhatToStringWritesForEveryPrecisionAndAtTheEdgesOfDaysAndYears() {
        for (Instant instant : new Instant[] {
                Instant.EPOCH, Instant.parse("2026-12-05T05:50:10Z"), Instant.parse("2026-12-05T05:50:10.120Z"),
                Instant.parse("2026-12-05T05:50:10.000120Z"), Instant.parse("2026-12-05T05:50:10.000000120Z"),
                Instant.parse("2024-02-29T23:59:59.999999999Z"), Instant.parse("1969-12-31T23:59:59.5Z"),
                Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("-0001-12-31T23:59:59Z"), Instant.parse("+10000-01-01T00:00:00Z"), Instant.MIN, Instant.MAX}) {
            assertThat(text(instant)).isEqualTo(instant.toString());
        }
        assertThat(InstantText.write(Instant.parse("+10000-01-01T00:00:00Z"), new char[InstantText.TEXT_LENGTH])).isEqualTo(-1);
    }

    @Test
    void writesWhatToStringWritesForRandomInstants() {
        SplittableRandom random = new SplittableRandom(20261205);
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_167_219_200L - 1_000_000, 253_402_300_799L + 1_000_000),
                    random.nextInt(4) == 0 ? random.nextInt(1_000) * 1_000_000 : random.nextInt(1_000_000_000));
            assertThat(text(instant)).isEqualTo(instant.toString());
        }
    }

    private static String text(Instant instant) {
        char[] text = new char[InstantText.TEXT_LENGTH];
        int length = InstantText.write(instant, text);
        return length < 0 ? instant.toString() : new String(text, 0, length);
    }
}
