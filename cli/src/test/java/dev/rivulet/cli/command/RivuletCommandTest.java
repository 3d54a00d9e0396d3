package dev.rivulet.cli.command;

import static dev.rivulet.cli.command.RivuletInProcess.rivulet;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RivuletCommandTest {

    private static final String GREETER = Greeter.class.getName();
    private static final String REPORTS = Reports.class.getName();



    @Test
    void runsAFlowFromTheClassPathWithItsParametersBoundByName() {
        RivuletInProcess.Ended ended = rivulet("run", GREETER + "#hello", "--name", "Ada");
        assertThat(ended.exitCode()).as(ended.err()).isZero();
        assertThat(ended.out()).isEqualTo("hello Ada" + System.lineSeparator());
    }

    @Test
    void theFlowsHelpListsItsParameters() {
        RivuletInProcess.Ended ended = rivulet("run", GREETER + "#hello", "--help");
        assertThat(ended.exitCode()).isZero();
        assertThat(ended.out()).contains("Usage: rivulet run " + GREETER + "#hello").contains("--name=<string>").contains("Who is greeted.")
                .contains("Default: world.");
    }

    @Test
    void aConfigurationSuppliesTheRunnerAndTheImplementationAndIsClosed() {
        int closedBefore = ReportsConfiguration.closed.get();
        RivuletInProcess.Ended ended = rivulet("run", "--config", ReportsConfiguration.class.getName(), REPORTS + "#daily", "--end-date", "2023-09-02",
                "--regions", "eu,us");
        assertThat(ended.exitCode()).as(ended.err()).isZero();
        assertThat(ended.out()).isEqualTo("report for 2023-09-02 [eu, us] from the warehouse" + System.lineSeparator());
        assertThat(ReportsConfiguration.closed.get()).isEqualTo(closedBefore + 1);
    }

    @Test
    void aConfigurationIsFoundByServiceLoaderOnTheClassPathGiven(@TempDir Path classes) throws IOException {
        Path services = classes.resolve("META-INF/services/dev.rivulet.cli.RivuletConfiguration");
        Files.createDirectories(services.getParent());
        Files.writeString(services, ReportsConfiguration.class.getName() + "\n");
        RivuletInProcess.Ended ended = rivulet("run", "--class-path", classes.toString(), REPORTS);
        assertThat(ended.exitCode()).as(ended.err()).isZero();
        assertThat(ended.out()).contains("from the warehouse");

        Files.writeString(services, ReportsConfiguration.class.getName() + "\n" + SecondConfiguration.class.getName() + "\n");
        RivuletInProcess.Ended two = rivulet("run", "--class-path", classes.toString(), REPORTS);
        assertThat(two.exitCode()).isEqualTo(2);
        assertThat(two.err()).contains("the class path has 2 RivuletConfigurations (" + ReportsConfiguration.class.getName() + ", "
                + SecondConfiguration.class.getName() + "): name the one to use with --config");
    }

    /** A second configuration, for a class path that has two. */
    public static final class SecondConfiguration implements dev.rivulet.cli.RivuletConfiguration {}

    @Test
    void aClassThatImplementsTheFlowInterfaceCarriesOutItsAbstractMethods() {
        RivuletInProcess.Ended ended = rivulet("run", ReportsImplementation.class.getName() + "#daily");
        assertThat(ended.exitCode()).as(ended.err()).isZero();
        assertThat(ended.out()).isEqualTo("report for 2023-09-01 [eu] from the implementation" + System.lineSeparator());
    }

    @Test
    void anInterfaceWithAbstractMethodsAndNoImplementationIsAUsageErrorSayingWhatToGive() {
        RivuletInProcess.Ended ended = rivulet("run", REPORTS + "#daily");
        assertThat(ended.exitCode()).isEqualTo(2);
        assertThat(ended.err()).contains(REPORTS + " needs an implementation of source(): give a RivuletConfiguration (--config CLASS, "
                + "or one ServiceLoader finds) whose implementation(Reports.class) returns one, or name a class that implements it");
    }

    @Test
    void badFlowNamesAreUsageErrorsThatSayWhatThereIs() {
        RivuletInProcess.Ended missing = rivulet("run", "com.acme.Pipeline#etl");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).startsWith("flow class com.acme.Pipeline is not on the class path; add its jar or classes directory with "
                + "--class-path (or -cp when starting java)");

        RivuletInProcess.Ended ambiguous = rivulet("run", GREETER);
        assertThat(ambiguous.exitCode()).isEqualTo(2);
        assertThat(ambiguous.err()).startsWith(GREETER + " has 2 flows (fail, hello): name one, as " + GREETER + "#fail");

        RivuletInProcess.Ended unknown = rivulet("run", GREETER + "#goodbye");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).startsWith(GREETER + " has no flow 'goodbye'; its flows: fail, hello");

        RivuletInProcess.Ended notAFlow = rivulet("run", String.class.getName());
        assertThat(notAFlow.exitCode()).isEqualTo(2);
        assertThat(notAFlow.err()).startsWith("java.lang.String has no @Flow method in the interfaces it implements");

        RivuletInProcess.Ended badConfig = rivulet("run", "--config", String.class.getName(), GREETER + "#hello");
        assertThat(badConfig.exitCode()).isEqualTo(2);
        assertThat(badConfig.err()).startsWith("--config class java.lang.String does not implement dev.rivulet.cli.RivuletConfiguration");

        RivuletInProcess.Ended badPath = rivulet("run", "--class-path", "/no/such/dir", GREETER + "#hello");
        assertThat(badPath.exitCode()).isEqualTo(2);
        assertThat(badPath.err()).startsWith("--class-path entry '/no/such/dir' does not exist");
    }

    @Test
    void aParameterOfTheWrongTypeIsAUsageErrorNamingIt() {
        RivuletInProcess.Ended ended = rivulet("run", "--config", ReportsConfiguration.class.getName(), REPORTS + "#daily", "--end-date", "2023-02-30");
        assertThat(ended.exitCode()).isEqualTo(2);
        assertThat(ended.err()).contains("end_date").contains("2023-02-30");
        assertThat(ended.out()).isEmpty();
    }

    @Test
    void aFailedFlowExitsWith1() {
        RivuletInProcess.Ended ended = rivulet("run", GREETER + "#fail", "--why", "no network");
        assertThat(ended.exitCode()).isEqualTo(1);
        assertThat(ended.err()).contains("no network");
    }

    @Test
    void withoutACommandItNamesThem() {
        RivuletInProcess.Ended ended = rivulet();
        assertThat(ended.exitCode()).isEqualTo(2);
        assertThat(ended.err()).startsWith("name a command: run");
        assertThat(rivulet("--help").out()).contains("Usage: rivulet").contains("run");
    }

    @Test
    void itsMainRunsInAJvmOfItsOwn() throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"), RivuletCommand.class.getName(), "run", GREETER + "#hello", "--name", "Bob"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        assertThat(out).endsWith("hello Bob" + System.lineSeparator());
    }
}
