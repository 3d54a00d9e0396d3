package dev.rivulet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParameterException;

/** Each converter through {@link CommandLines#parse}: what it reads, and what it refuses with the option and the value named. */
class ConvertersTest {

    private static Greeting parse(String... args) {
        return CommandLines.parse(new Greeting(), args);
    }

    private static void assertRefused(String option, String value, String message) {
        assertThatThrownBy(() -> parse(option, value))
                .isInstanceOf(ParameterException.class)
                .hasMessage("Invalid value for option '" + option + "': " + message);
    }

    @Test
    void withoutOptionsTheFieldsKeepTheirDefaults() {
        Greeting greeting = parse();
        assertThat(greeting.from).isEqualTo(LocalDate.of(2023, 9, 1));
        assertThat(greeting.days).isEqualTo(7);
        assertThat(greeting.pause).isZero();
        assertThat(greeting.buffer).isEqualTo(8 << 20);
        assertThat(greeting.out).isNull();
    }

    @Test
    void datesAreIso() {
        assertThat(parse("--from", "2024-02-29").from).isEqualTo(LocalDate.of(2024, 2, 29));
        assertRefused("--from", "2023-13-01",
                "'2023-13-01' is not a date: use YYYY-MM-DD, such as 2023-09-01 (Invalid value for MonthOfYear (valid values 1 - 12): 13)");
        // The reason in brackets is the JDK's, whose wording changes between versions.
        assertThatThrownBy(() -> parse("--from", "2023-02-29")).hasMessageStartingWith(
                "Invalid value for option '--from': '2023-02-29' is not a date: use YYYY-MM-DD, such as 2023-09-01 (Invalid date");
        assertRefused("--from", "yesterday", "'yesterday' is not a date: use YYYY-MM-DD, such as 2023-09-01");
    }

    @Test
    void durationsAreWrittenAsInTaskAttributes() {
        assertThat(parse("--pause", "500ms").pause).isEqualTo(Duration.ofMillis(500));
        assertThat(parse("--pause", "2m").pause).isEqualTo(Duration.ofMinutes(2));
        assertThat(parse("--pause", "1s").pause).isEqualTo(Duration.ofSeconds(1));
        assertThat(parse("--pause", "PT1H").pause).isEqualTo(Duration.ofHours(1));
        assertRefused("--pause", "soon", "'soon' is not a duration: use ISO-8601 (\"PT30S\") or a number with ms, s, m, h or d (\"30s\")");
        assertRefused("--pause", "-1s", "a duration must not be negative, was '-1s'");
    }

    @Test
    void sizesTakeBinaryAndDecimalUnits() {
        assertThat(parse("--buffer", "16MiB").buffer).isEqualTo(16L << 20);
        assertThat(parse("--buffer", "16mib").buffer).isEqualTo(16L << 20);
        assertThat(parse("--buffer", "8m").buffer).isEqualTo(8L << 20);
        assertThat(parse("--buffer", "50MB").buffer).isEqualTo(50_000_000L);
        assertThat(parse("--buffer", "2 GiB").buffer).isEqualTo(2L << 30);
        assertThat(parse("--buffer", "3TB").buffer).isEqualTo(3_000_000_000_000L);
        assertThat(parse("--buffer", "1_000").buffer).isEqualTo(1000);
        assertThat(parse("--buffer", "512B").buffer).isEqualTo(512);
        assertThat(parse("--buffer", "0").buffer).isZero();
        String forms = "use a whole number of bytes and an optional unit, such as 16MiB, 8m or 50MB"
                + " (KiB, MiB, GiB, TiB and k, m, g, t count in 1024s; KB, MB, GB, TB in 1000s)";
        assertRefused("--buffer", "16 furlongs", "'16 furlongs' is not a size: " + forms);
        assertRefused("--buffer", "1.5GiB", "'1.5GiB' is not a size: " + forms);
        assertRefused("--buffer", "-1", "'-1' is not a size: " + forms);
        assertRefused("--buffer", "MiB", "'MiB' is not a size: " + forms);
        assertRefused("--buffer", "9000000TiB", "'9000000TiB' is too large: at most 9223372036854775807 bytes (8 EiB)");
    }

    @Test
    void countsTakeUnderscoresAndKeepTheirBounds() {
        assertThat(parse("--days", "3_000_000").days).isEqualTo(3_000_000);
        assertThat(parse("--days", "1").days).isEqualTo(1);
        assertThat(parse("--warmup", "0").warmup).isZero();
        assertRefused("--days", "0", "'0' is not a positive count: use a whole number of 1 or more, such as 3000000 or 3_000_000");
        assertRefused("--days", "-3", "'-3' is not a positive count: use a whole number of 1 or more, such as 3000000 or 3_000_000");
        assertRefused("--days", "seven", "'seven' is not a positive count: use a whole number of 1 or more, such as 3000000 or 3_000_000");
        assertRefused("--days", "3__0", "'3__0' is not a positive count: use a whole number of 1 or more, such as 3000000 or 3_000_000");
        assertRefused("--warmup", "-1", "'-1' is not a count: use a whole number of 0 or more, such as 3000000 or 3_000_000");
        assertRefused("--warmup", "2.5", "'2.5' is not a count: use a whole number of 0 or more, such as 3000000 or 3_000_000");
        assertRefused("--days", "3000000000", "'3000000000' is too large: at most 2147483647");
    }

    @Test
    void pathsAreReadByPicocli() {
        assertThat(parse("--out", "target/report").out).isEqualTo(Path.of("target/report"));
    }

    @Test
    void anOptionGivenTwiceTakesTheLastValue() {
        assertThat(parse("--days", "2", "--days", "5").days).isEqualTo(5);
    }
}
