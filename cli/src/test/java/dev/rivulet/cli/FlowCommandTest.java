package dev.rivulet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.Flow;
import dev.rivulet.Rivulet;
import dev.rivulet.cli.snippets.ExportCommand;
import dev.rivulet.param.Param;
import dev.rivulet.secret.Secret;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class FlowCommandTest {

    public interface Jobs {
        @Flow
        default String load(@Param(value = "end_date", defaultValue = "2023-09-01", description = "The last day.") LocalDate endDate,
                @Param("tables") List<String> tables, @Param(value = "full", defaultValue = "false") boolean full) {
            return "loaded " + tables + " to " + endDate + (full ? " in full" : "");
        }

        @Flow
        default String fail(@Param(value = "why", defaultValue = "the database went away") String why) {
            throw new IllegalStateException(why);
        }

        @Flow
        default String connect(@Param("DB_PASS") Secret password, @Param(value = "host", defaultValue = "db") String host) {
            return "connected to " + host + " with " + password;
        }
    }

    private Rivulet rivulet;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start() {
        rivulet = Rivulet.builder().build();
    }

    @AfterEach
    void stop() {
        rivulet.close();
    }

    private int execute(String method, String... args) {
        CommandLine line = FlowCommand.create(rivulet.stub(Jobs.class), method);
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        return line.execute(args);
    }

    @Test
    void runsTheFlowWithItsParametersAndPrintsWhatItReturns() {
        assertThat(execute("load", "--tables", "trips,zones", "--end-date", "2023-08-31", "--full")).isZero();

        assertThat(out.toString()).isEqualTo("loaded [trips, zones] to 2023-08-31 in full" + System.lineSeparator());
        // A finished run's parameters, as its record has them: text.
        assertThat(rivulet.lastFlowRun().orElseThrow().parameters()).containsEntry("end_date", "2023-08-31")
                .containsEntry("tables", "[trips, zones]").containsEntry("full", "true");
    }

    @Test
    void helpListsEachParameterItsTextItsDefaultAndTheOtherWaysToSetIt() {
        assertThat(execute("load", "--help")).isZero();

        assertThat(out.toString())
                .contains("Usage: load")
                .contains("--end-date=<date>")
                .contains("The last day. A date (2023-09-01, today, yesterday,")
                .contains("Default: 2023-09-01.")
                .contains("Also -Drivulet.param.end-date=..., or")
                .contains("RIVULET_PARAM_END_DATE.")
                .contains("--tables=<list>")
                .contains("Required.")
                .contains("--full[=<boolean>]");
    }

    @Test
    void badInputIsAUsageErrorNamingTheParameter() {
        assertThat(execute("load", "--tables", "t", "--end-date", "31/08/2023")).isEqualTo(CommandLines.USAGE_ERROR);
        assertThat(err.toString()).contains("parameter end_date (option --end-date): \"31/08/2023\" is not a date")
                .contains("See 'load --help' for the options.");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aRequiredParameterGivenNowhereIsAUsageError() {
        assertThat(execute("load")).isEqualTo(CommandLines.USAGE_ERROR);
        assertThat(err.toString()).contains("needs parameter tables (--tables, -Drivulet.param.tables=... or RIVULET_PARAM_TABLES");
    }

    @Test
    void aFailingFlowExitsWithItsFailure() {
        assertThat(execute("fail")).isEqualTo(CommandLines.FAILED);
        assertThat(err.toString()).contains("the database went away");
    }

    @Test
    void secretsAreNoOptions() {
        assertThat(execute("connect", "--help")).isZero();
        assertThat(out.toString()).contains("--host").doesNotContain("--db-pass").doesNotContain("DB_PASS");

        assertThat(execute("connect", "--db-pass", "typed")).isEqualTo(CommandLines.USAGE_ERROR);
        assertThat(err.toString()).contains("Unknown options: '--db-pass'");
    }

    @Test
    void flowOptionsJoinACommandOfItsOwn() {
        StringWriter own = new StringWriter();
        CommandLine line = ExportCommand.WithOwnOptions.commandLine();
        line.setOut(new PrintWriter(own, true));

        assertThat(line.execute("--dry-run", "--days", "3")).isZero();

        assertThat(own.toString()).contains("end_date=default yesterday").contains("days=option --days").contains("regions=default eu,us");
    }
}
