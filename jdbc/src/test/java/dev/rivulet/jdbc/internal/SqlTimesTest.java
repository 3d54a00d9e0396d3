package dev.rivulet.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.sql.Types;
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
}
