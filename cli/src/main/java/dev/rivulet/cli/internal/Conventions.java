package dev.rivulet.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/** What {@code CommandLines} sets on every command line it makes. */
public final class Conventions {

    private static final String VERSION = rivuletVersion();

    private Conventions() {}

    /** Sets the conventions on {@code line} and returns it. */
    public static CommandLine apply(CommandLine line) {
        CommandSpec spec = line.getCommandSpec();
        spec.mixinStandardHelpOptions(true);
        if (spec.version().length == 0) {
            spec.version("Rivulet " + VERSION,
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
        }
        spec.usageMessage().showDefaultValues(true);
        line.setOverwrittenOptionsAllowed(true);
        line.registerConverter(Duration.class, new DurationConverter());
        line.registerConverter(LocalDate.class, new DateConverter());
        line.setParameterExceptionHandler(Conventions::reportUsageError);
        line.setExecutionExceptionHandler(Conventions::reportFailure);
        return line;
    }

    /** One line for the error (and picocli's suggestions for a misspelt option), the usage line, and where the help is. */
    private static int reportUsageError(ParameterException e, String[] args) {
        CommandLine line = e.getCommandLine();
        PrintWriter err = line.getErr();
        err.println(e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, err);
        Help help = line.getHelp();
        err.print(help.synopsisHeading() + help.synopsis(help.synopsisHeadingLength()));
        err.println("See '" + line.getCommandSpec().qualifiedName() + " --help' for the options.");
        err.flush();
        return line.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** The command's own exception, once: picocli would wrap it in an ExecutionException that repeats its message. */
    private static int reportFailure(Exception e, CommandLine line, ParseResult parsed) {
        PrintWriter err = line.getErr();
        e.printStackTrace(err);
        err.flush();
        return line.getCommandSpec().exitCodeOnExecutionException();
    }

    private static String rivuletVersion() {
        Properties properties = new Properties();
        try (InputStream in = Conventions.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Rivulet's version.properties", e);
        }
        return properties.getProperty("version", "(version unknown)");
    }
}
