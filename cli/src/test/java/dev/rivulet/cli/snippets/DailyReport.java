package dev.rivulet.cli.snippets;

import dev.rivulet.cli.CommandLines;
import dev.rivulet.cli.PositiveCountConverter;
import java.io.IOException;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The example in {@link CommandLines}' javadoc: a program's main and its options. */
// @start region=command
@Command(name = "daily-report", description = "Summarises a week of trips.")
public final class DailyReport implements Callable<Integer> {

    public static void main(String[] args) {
        CommandLines.run(new DailyReport(), args);
    }

    @Option(names = "--from", paramLabel = "DATE", description = "the first day")
    LocalDate from = LocalDate.of(2023, 9, 1);

    @Option(names = "--days", paramLabel = "N", description = "how many days, from 1",
            converter = PositiveCountConverter.class)
    int days = 7;

    @Override
    public Integer call() throws IOException {
        for (int day = 0; day < days; day++) {
            System.out.println(from.plusDays(day));   // ... the day's summary
        }
        return 0;
    }
}
// @end
