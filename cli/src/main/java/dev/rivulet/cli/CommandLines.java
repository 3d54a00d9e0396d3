package dev.rivulet.cli;

import dev.rivulet.cli.internal.Conventions;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Runs a picocli {@link Command @Command} object with Rivulet's conventions:
 *
 * <ul>
 *   <li>{@code -h}/{@code --help} prints the usage help, the options' defaults shown, and {@code
 *       -V}/{@code --version} the Rivulet and Java versions (or the command's own {@code version}),
 *       both on standard output, with exit code 0;
 *   <li>bad input (an unknown option, a missing or malformed value) prints one line naming the option
 *       and the value, the usage line and where to find the help, on standard error, with exit code
 *       2; the command does not run;
 *   <li>an exception thrown by the command is printed once, with its stack trace, on standard error,
 *       with exit code 1;
 *   <li>an option given twice takes the last value, so that a script can pass defaults before the
 *       user's arguments;
 *   <li>{@link java.time.Duration} options read Rivulet's durations, {@code 500ms}, {@code 2m} or
 *       {@code PT1H} ({@link dev.rivulet.Durations#parse}), and {@link java.time.LocalDate} options
 *       {@code 2023-09-01}, with messages that say which form to use; sizes and counts are read by
 *       the converter named on the option, {@code converter = }{@link ByteSizeConverter}{@code
 *       .class}, {@link CountConverter} or {@link PositiveCountConverter}. Paths, numbers, enums
 *       and the rest are picocli's.
 * </ul>
 *
 * <p>The command is a {@link java.util.concurrent.Callable Callable} (its {@code Integer} result is
 * the exit code, {@code null} meaning 0) or a {@link Runnable}:
 *
 * {@snippet file="dev/rivulet/cli/snippets/DailyReport.java" region="command"}
 */
public final class CommandLines {

    /** The exit code of bad input: an unknown option, a missing or malformed value. */
    public static final int USAGE_ERROR = CommandLine.ExitCode.USAGE;
    /** The exit code of a command that threw. */
    public static final int FAILED = CommandLine.ExitCode.SOFTWARE;

    private CommandLines() {}

    /**
     * A picocli command line for {@code command} with the conventions above, for a program that
     * needs more of picocli's API (subcommands, its own streams) before it {@link
     * CommandLine#execute executes}.
     *
     * @return the command line, not yet run
     * @param command an object of a class annotated with {@link Command @Command}
     */
    public static CommandLine create(Object command) {
        return Conventions.apply(new CommandLine(Objects.requireNonNull(command, "command")));
    }

    /**
     * Parses {@code args} into {@code command} and runs it.
     *
     * @param command an object of a class annotated with {@link Command @Command}
     * @param args the program's arguments
     * @return the exit code: 0 when it ran (or help or the version was printed), the command's own
     *     code if it returned one, {@link #USAGE_ERROR} for bad input, {@link #FAILED} if it threw
     */
    public static int execute(Object command, String... args) {
        return create(command).execute(args);
    }

    /**
     * What a {@code main} method calls: {@link #execute} and, unless the exit code is 0, {@link
     * System#exit} with it. On success it returns, and the JVM ends as it would without this call.
     *
     * @param command an object of a class annotated with {@link Command @Command}
     * @param args the program's arguments, as {@code main} received them
     */
    public static void run(Object command, String... args) {
        int exitCode = execute(command, args);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    /**
     * Parses {@code args} into the {@link Option @Option} fields of {@code command} without running
     * it, and gives {@code command} back: for tests, and for code that takes a program's settings
     * from its arguments.
     *
     * @param <T> the command's class
     * @param command an object of a class annotated with {@link Command @Command}
     * @param args the arguments to parse
     * @return {@code command}, its options set
     * @throws ParameterException naming the option and the value, for bad input
     */
    public static <T> T parse(T command, String... args) {
        create(command).parseArgs(args);
        return command;
    }
}
