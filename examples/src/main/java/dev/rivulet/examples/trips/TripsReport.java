package dev.rivulet.examples.trips;

import static dev.rivulet.Tasks.results;
import static dev.rivulet.Tasks.submit;

import dev.rivulet.Flow;
import dev.rivulet.Task;
import dev.rivulet.TaskFuture;
import dev.rivulet.io.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A week of taxi trips, summarised per day in parallel and written to one CSV report.
 *
 * <p>Each day is extracted and summarised by its own tasks, which the task runner runs side by
 * side; each summary receives its day's trips through a future, and the summaries meet in one task
 * that writes the report.
 */
public interface TripsReport {

    /** Makes a day of trips: there is no network here, so the data is generated, the same for the same day. */
    @Task(name = "extract-{day}", retries = 2, retryDelay = "1s")
    default List<Trip> extract(LocalDate day, int tripsPerDay) {
        SplittableRandom random = new SplittableRandom(day.toEpochDay());
        List<Trip> trips = new ArrayList<>(tripsPerDay);
        for (int i = 0; i < tripsPerDay; i++) {
            LocalDateTime pickup = day.atStartOfDay().plusSeconds(random.nextInt(86_400));
            double miles = Math.max(0.1, -Math.log(1 - random.nextDouble()) * 2.9);
            double fare = 3.0 + miles * 2.5 + random.nextDouble() * 2;
            int paymentType = random.nextInt(10) < 7 ? 1 : 2;
            double tip = paymentType == 1 ? fare * (0.1 + random.nextDouble() * 0.2) : 0;
            trips.add(new Trip(pickup, 1 + random.nextInt(263), miles, fare, tip, paymentType));
        }
        return trips;
    }

    @Task(name = "summarise-{day}")
    default DaySummary summarise(LocalDate day, List<Trip> trips) {
        double miles = 0;
        double fares = 0;
        double tips = 0;
        double tipFractions = 0;
        for (Trip trip : trips) {
            miles += trip.distanceMiles();
            fares += trip.fare();
            tips += trip.tip();
            tipFractions += trip.tipFraction();
        }
        return new DaySummary(day, trips.size(), miles, fares, tips, trips.isEmpty() ? 0 : tipFractions / trips.size());
    }

    /** Writes the report through an {@link AtomicFile}, so a reader never sees half of it. */
    @Task
    default Path writeReport(List<DaySummary> days, Path directory) {
        List<String> lines = new ArrayList<>();
        lines.add(DaySummary.csvHeader());
        days.stream().sorted(Comparator.comparing(DaySummary::day)).forEach(d -> lines.add(d.toCsv()));
        try {
            return AtomicFile.write(directory.resolve("daily-trips.csv"),
                    out -> out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + directory, e);
        }
    }

    /**
     * The flow: per day, an extract and a summary (which starts when its extract is done), the days
     * side by side; then the report, when every summary is done.
     */
    @Flow(name = "trips-report-{from}")
    default Path report(LocalDate from, int days, int tripsPerDay, Path directory) {
        List<TaskFuture<DaySummary>> summaries = new ArrayList<>();
        for (LocalDate day : from.datesUntil(from.plusDays(days)).toList()) {
            TaskFuture<List<Trip>> trips = submit(this::extract, day, tripsPerDay);
            summaries.add(submit(this::summarise, day, trips));
        }
        return writeReport(results(summaries), directory);
    }
}
