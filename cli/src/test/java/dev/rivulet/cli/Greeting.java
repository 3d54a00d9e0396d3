package dev.rivulet.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** A command with an option of each kind the converters read, as the tests' program. */
@Command(name = "greeting", description = "Says hello to the days from --from on.")
final class Greeting implements Callable<Integer> {

    @Option(names = "--from", paramLabel = "DATE", description = "the first day")
    LocalDate from = LocalDate.of(2023, 9, 1);

    @Option(names = "--days", paramLabel = "N", converter = PositiveCountConverter.class, description = "how many days")
    int days = 7;

    @Option(names = "--warmup", paramLabel = "N", converter = CountConverter.class, description = "greetings not counted")
    int warmup = 1;

    @Option(names = "--pause", paramLabel = "DURATION", description = "between greetings")
    Duration pause = Duration.ZERO;

    @Option(names = "--buffer", paramLabel = "BYTES", converter = ByteSizeConverter.class, description = "the buffer's size")
    long buffer = 8 << 20;

    @Option(names = "--out", paramLabel = "DIR", description = "where to write")
    Path out;

    @Option(names = "--fail", description = "throw instead of greeting")
    boolean fail;

    /** Runs the command in a JVM of its own: what a user's main does. */
    public static void main(String[] args) {
        CommandLines.run(new Greeting(), args);
        System.out.println("main returned");
    }

    @Override
    public Integer call() {
        if (fail) {
            throw new IllegalStateException("no greeting today");
        }
        for (int day = 0; day < days; day++) {
            System.out.println("hello " + from.plusDays(day));
        }
        return 0;
    }
}
