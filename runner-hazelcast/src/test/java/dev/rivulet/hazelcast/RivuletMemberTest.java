package dev.rivulet.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.cli.CommandLines;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The member program's command line: bad input is a usage error that says what is wrong, before any member starts. */
class RivuletMemberTest {

    private record Outcome(int exitCode, String err) {}

    private static Outcome run(String... args) {
        CommandLine line = CommandLines.create(new RivuletMember());
        StringWriter err = new StringWriter();
        line.setErr(new PrintWriter(err));
        line.setOut(new PrintWriter(new StringWriter()));
        return new Outcome(line.execute(args), err.toString());
    }

    @Test
    void aConfigurationClassThatIsNotThereIsAUsageError() {
        Outcome outcome = run("--config", "com.example.NoSuchConfiguration", "--port", "0");
        assertThat(outcome.exitCode()).isEqualTo(CommandLines.USAGE_ERROR);
        assertThat(outcome.err()).contains("com.example.NoSuchConfiguration").contains("not on the class path");
    }

    @Test
    void threadsBelowOneAreAUsageError() {
        Outcome outcome = run("--threads", "0");
        assertThat(outcome.exitCode()).isEqualTo(CommandLines.USAGE_ERROR);
        assertThat(outcome.err()).contains("--threads must be at least 1");
    }

    @Test
    void aHeartbeatTimeoutThatIsNotADurationIsAUsageError() {
        Outcome outcome = run("--heartbeat-timeout", "soon");
        assertThat(outcome.exitCode()).isEqualTo(CommandLines.USAGE_ERROR);
        assertThat(outcome.err()).contains("--heartbeat-timeout").contains("soon");
    }
}
