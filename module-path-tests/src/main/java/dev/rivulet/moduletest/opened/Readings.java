package dev.rivulet.moduletest.opened;

import static dev.rivulet.Tasks.results;
import static dev.rivulet.Tasks.submit;

import dev.rivulet.CachePolicy;
import dev.rivulet.Flow;
import dev.rivulet.Task;
import dev.rivulet.TaskFuture;
import java.util.List;

/** A small pipeline in an opened package: tasks submitted by method reference, results kept as JSON and zstd. */
public interface Readings {

    /** One sensor's reading. */
    record Reading(String sensor, int index, double value) {}

    /** What the flow returns. */
    record Summary(int count, double total) {}

    @Task(name = "read-{sensor}", cachePolicy = CachePolicy.INPUTS, persistResult = true, serializer = "json")
    default List<Reading> read(String sensor, int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> new Reading(sensor, i, sensor.length() * 10.0 + i)).toList();
    }

    @Task(cachePolicy = CachePolicy.INPUTS, persistResult = true, serializer = "compressed/json")
    default Summary summarise(List<List<Reading>> readings) {
        List<Reading> all = readings.stream().flatMap(List::stream).toList();
        return new Summary(all.size(), all.stream().mapToDouble(Reading::value).sum());
    }

    @Flow
    default Summary run(List<String> sensors, int count) {
        List<TaskFuture<List<Reading>>> read = sensors.stream().map(sensor -> submit(this::read, sensor, count)).toList();
        return summarise(results(read));
    }
}
