package dev.rivulet.snippets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rivulet.CacheKeyFunction;
import dev.rivulet.Rivulet;
import dev.rivulet.Task;
import dev.rivulet.TaskRun;
import dev.rivulet.runner.TaskRunners;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The example in {@link CacheKeyFunction}'s javadoc: one cached result per day. */
class CacheKeyFunctionSnippetsTest {

    // @start region=per-day
    // one cached result per day, whatever the other arguments
    public static final class PerDay implements CacheKeyFunction {
        @Override
        public String cacheKey(TaskRun run, Map<String, Object> arguments) {
            return arguments.get("day").toString();
        }
    }

    public interface Reports {
        @Task(cacheKeyFunction = PerDay.class)
        default String daily(LocalDate day, String requestedBy) {
            return day + " for " + requestedBy;
        }
    }
    // @end

    @Test
    void aSecondCallForTheSameDayGetsTheCachedReportWhoeverAsks() {
        try (Rivulet rivulet = Rivulet.builder().taskRunner(TaskRunners.sequential()).build()) {
            Reports reports = rivulet.stub(Reports.class);

            assertEquals("2023-09-01 for ann", reports.daily(LocalDate.of(2023, 9, 1), "ann"));
            // bob's call is answered from the cache: the key is the day alone
            assertEquals("2023-09-01 for ann", reports.daily(LocalDate.of(2023, 9, 1), "bob"));
            assertEquals("2023-09-02 for bob", reports.daily(LocalDate.of(2023, 9, 2), "bob"));
        }
    }
}
