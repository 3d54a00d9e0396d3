package dev.rivulet.cli.command;

import dev.rivulet.report.RunReports;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rivulet report RUN [-o FILE]}: a recorded run's self-contained HTML report. */
@Command(name = "report", description = "Writes a recorded flow run's HTML report: one self-contained file to open in a browser.")
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RunSelection selection;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "the file to write; <run name>-<id>.html here unless given")
    Path output;

    @Override
    public Integer call() throws IOException {
        return selection.withRecord(spec.commandLine(), run -> {
            Path file = output != null ? output : Path.of(run.name().replaceAll("[^A-Za-z0-9._=-]", "_") + "-" + run.id() + ".html");
            RunReports.write(run, file);
            PrintWriter out = spec.commandLine().getOut();
            out.println("Report of flow run " + run.name() + " (" + run.state() + "): " + file.toAbsolutePath());
            out.flush();
        });
    }
}
