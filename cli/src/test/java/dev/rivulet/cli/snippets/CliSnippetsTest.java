package dev.rivulet.cli.snippets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rivulet.cli.ByteSizeConverter;
import dev.rivulet.cli.CommandLines;
import dev.rivulet.cli.CountConverter;
import dev.rivulet.cli.PositiveCountConverter;
import dev.rivulet.cli.command.RivuletCommand;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The examples in the javadoc of {@link CommandLines}, {@link CountConverter}, {@link
 * PositiveCountConverter} and {@link ByteSizeConverter}, parsed and run as a program would.
 */
class CliSnippetsTest {

    @Command(name = "settings")
    static final class Settings {
        // @start region=count
        @Option(names = "--warmup", paramLabel = "N", converter = CountConverter.class, description = "rounds not measured")
        int warmup = 1;
        // @end

        // @start region=positive-count
        @Option(names = "--rows", paramLabel = "N", converter = PositiveCountConverter.class, description = "trips to generate")
        int rows = 3_000_000;
        // @end

        // @start region=byte-size
        @Option(names = "--size", paramLabel = "BYTES", converter = ByteSizeConverter.class, description = "each result's size")
        long size = 50_000_000;
        // @end
    }

    @Test
    void theReportTakesItsDaysFromTheArguments() {
        DailyReport report = CommandLines.parse(new DailyReport(), "--from", "2023-09-04", "--days", "3");

        assertThat(report.from).isEqualTo(LocalDate.of(2023, 9, 4));
        assertThat(report.days).isEqualTo(3);
        assertThat(CommandLines.execute(new DailyReport(), "--days", "2")).isZero();
    }

    @Test
    void theRivuletCommandRunsAFlowWithItsConfiguration() {
        // rivulet run --config dev.rivulet.cli.snippets.PipelineConfiguration dev.rivulet.cli.snippets.Pipeline#etl --end-date 2023-09-02
        assertThat(RivuletCommand.execute("run", "--config", PipelineConfiguration.class.getName(), Pipeline.class.getName() + "#etl",
                "--end-date", "2023-09-02")).isZero();
    }

    @Test
    void zeroDaysIsAUsageError() {
        assertThat(CommandLines.execute(new DailyReport(), "--days", "0")).isEqualTo(CommandLines.USAGE_ERROR);
    }

    @Test
    void theOptionsKeepTheirDefaultsAndReadCountsAndSizes() {
        Settings defaults = CommandLines.parse(new Settings());
        assertThat(defaults.warmup).isEqualTo(1);
        assertThat(defaults.rows).isEqualTo(3_000_000);
        assertThat(defaults.size).isEqualTo(50_000_000);

        Settings set = CommandLines.parse(new Settings(), "--warmup", "0", "--rows", "1_000", "--size", "16m");
        assertThat(set.warmup).isZero();
        assertThat(set.rows).isEqualTo(1_000);
        assertThat(set.size).isEqualTo(16L << 20);
    }

    @Test
    void aNegativeWarmupAndZeroRowsAreRefused() {
        assertThatThrownBy(() -> CommandLines.parse(new Settings(), "--warmup", "-1")).isInstanceOf(ParameterException.class);
        assertThatThrownBy(() -> CommandLines.parse(new Settings(), "--rows", "0")).isInstanceOf(ParameterException.class)
                .hasMessageContaining("--rows");
    }
}
