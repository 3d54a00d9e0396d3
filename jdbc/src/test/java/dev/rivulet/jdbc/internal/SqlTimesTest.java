package dev.rivulet.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlTimesTest {

    private static final SqlColumn COLUMN = new SqlColumn(2, "t", Types.TIME, "TIME", true, 17, 6, true);

    @Test
    void readsMariaDbsWholeRangeToMicroseconds() throws SQLException {
        assertThat(SqlTimes.micros("00:00:00", COLUMN)).isZero();
        assertThat(SqlTimes.micros("12:34:56", COLUMN)).isEqualTo(((12 * 60 + 34) * 60 + 56) * 1_000_000L);
        assertThat(SqlTimes.micros("838:59:59.999999", COLUMN)).isEqualTo(((838 * 60 + 59) * 60 + 59) * 1_000_000L + 999_999);
        assertThat(SqlTimes.micros("-838:59:59.5", COLUMN)).isEqualTo(-(((838 * 60 + 59) * 60 + 59) * 1_000_000L + 500_000));
        assertThat(SqlTimes.micros("-00:00:00.000001", COLUMN)).isEqualTo(-1);
        assertThat(SqlTimes.micros("01:00:00.123456789", COLUMN)).isEqualTo(3_600_123_456L);
    }

    @Test
    void refusesTextThatIsNotATimeNamingColumnAndValue() {
        for (String bad : new String[] {"", "12:34", "12:3:45", "aa:00:00", "12:60:00", "12:00:00.", "12:00:00x", "12:00:00.1x"}) {
            assertThatThrownBy(() -> SqlTimes.micros(bad, COLUMN))
                    .as(bad)
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("column 2 't' of type TIME")
                    .hasMessageContaining("'" + bad + "'");
        }
    }

    private static final LocalDateTime EPOCH = LocalDateTime.of(1970, 1, 1, 0, 0);

    @Test
    void countsMicrosecondsOfDateTimesAsChronoUnitDoes() {
        List<LocalDateTime> values = List.of(EPOCH, EPOCH.plusNanos(1), EPOCH.minusNanos(1), EPOCH.minusNanos(1_000), EPOCH.minusNanos(1_500),
                LocalDateTime.of(2023, 9, 1, 13, 45, 7, 123_456_000), LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_999),
                LocalDateTime.of(1000, 1, 1, 0, 0, 0, 1), LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000),
                LocalDateTime.of(-200_000, 6, 15, 12, 0, 0, 500));
        for (LocalDateTime value : values) {
            assertThat(SqlTimes.micros(value)).as(value.toString()).isEqualTo(ChronoUnit.MICROS.between(EPOCH, value));
            for (ZoneOffset offset : List.of(ZoneOffset.UTC, ZoneOffset.ofHours(5), ZoneOffset.ofHoursMinutes(-9, -30))) {
                OffsetDateTime instant = value.atOffset(offset);
                assertThat(SqlTimes.micros(instant)).as(instant.toString())
                        .isEqualTo(ChronoUnit.MICROS.between(EPOCH.atOffset(ZoneOffset.UTC), instant));
            }
        }
    }

    @Test
    void failsOnDateTimesPastALongOfMicroseconds() {
        assertThatThrownBy(() -> SqlTimes.micros(LocalDateTime.MAX)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> SqlTimes.micros(OffsetDateTime.MIN)).isInstanceOf(ArithmeticException.class);
    }
}
