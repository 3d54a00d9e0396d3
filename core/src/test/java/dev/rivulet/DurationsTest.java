package dev.rivulet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The durations users write in annotations, options and on the command line. */
class DurationsTest {

    @Test
    void readsTheShortFormAndIso8601() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Durations.parse(" 2m ")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Durations.parse("5 m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(Durations.parse("PT30S")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("0s")).isEqualTo(Duration.ZERO);
    }

    @Test
    void rejectsOtherTextNamingItAndTheForms() {
        assertThatThrownBy(() -> Durations.parse("one hour"))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("'one hour' is not a duration: use ISO-8601 (\"PT30S\") or a number with ms, s, m, h or d (\"30s\")");
        assertThatThrownBy(() -> Durations.parse("5 minutes")).hasMessageStartingWith("'5 minutes' is not a duration");
        assertThatThrownBy(() -> Durations.parse("")).hasMessageStartingWith("'' is not a duration");
    }

    @Test
    void rejectsNegativeDurations() {
        assertThatThrownBy(() -> Durations.parse("-1s")).hasMessage("a duration must not be negative, was '-1s'");
        assertThatThrownBy(() -> Durations.parse("-PT1S")).hasMessage("a duration must not be negative, was '-PT1S'");
    }
}
