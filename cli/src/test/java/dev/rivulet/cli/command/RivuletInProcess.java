package dev.rivulet.cli.command;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** The rivulet command run in this JVM, as a test sees it: its exit code and what it printed. */
final class RivuletInProcess {

    /** How the command ended and what it printed. */
    record Ended(int exitCode, String out, String err) {}

    private RivuletInProcess() {}

    static Ended rivulet(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = RivuletCommand.commandLine();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        return new Ended(line.execute(args), out.toString(), err.toString());
    }
}
