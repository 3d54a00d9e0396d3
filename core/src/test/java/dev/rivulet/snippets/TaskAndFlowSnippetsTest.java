package dev.rivulet.snippets;

import static dev.rivulet.Tasks.asCompleted;
import static dev.rivulet.Tasks.map;
import static dev.rivulet.Tasks.quote;
import static dev.rivulet.Tasks.results;
import static dev.rivulet.Tasks.submit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivulet.Flow;
import dev.rivulet.FlowOptions;
import dev.rivulet.FlowRun;
import dev.rivulet.Flows;
import dev.rivulet.Rivulet;
import dev.rivulet.State;
import dev.rivulet.Task;
import dev.rivulet.TaskFuture;
import dev.rivulet.TaskOptions;
import dev.rivulet.TaskRun;
import dev.rivulet.Tasks;
import dev.rivulet.runner.TaskRunners;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Examples for the javadoc of {@link Task}, {@link Flow}, {@link TaskOptions}, {@link FlowOptions},
 * {@link Tasks}, {@link dev.rivulet.TaskCall} and {@link Flows}, on rows of text where the old
 * examples named a {@code Table} type that does not exist.
 */
class TaskAndFlowSnippetsTest {

    static final Set<String> LOADED = ConcurrentHashMap.newKeySet();
    static final Set<String> SCHEMAS = ConcurrentHashMap.newKeySet();

    @TempDir
    Path dir;

    // @start region=task
    public interface Pipeline {
        @Task(retries = 2, retryDelay = "1s", timeout = "5m")
        default List<String> extract(Path file) throws IOException {
            return Files.readAllLines(file);
        }
    }
    // @end

    public interface Etl extends Pipeline {
        @Task
        default List<String> extractDay(LocalDate day) {
            return List.of(day + ",SoHo,JFK,52.50", day + ",JFK,Midtown,70.00");
        }

        @Task
        default List<String> transform(List<String> rows) {
            return rows.stream().map(String::toUpperCase).toList();
        }

        @Task
        default List<String> concat(List<List<String>> parts) {
            return parts.stream().flatMap(List::stream).toList();
        }

        @Task
        default List<String> clean(List<String> rows) {
            return rows.stream().filter(r -> !r.isBlank()).toList();
        }

        @Task
        default long load(List<String> rows) {
            LOADED.addAll(rows);
            return rows.size();
        }

        @Task
        default void createSchema() {
            SCHEMAS.add("trips");
        }

        @Task
        default int count(String part) {
            return part.length();
        }

        // @start region=flow
        @Flow(name = "etl-{day}", timeout = "1h")
        default void etl(LocalDate day) {
            List<String> rows = extractDay(day);
            load(transform(rows));
        }
        // @end

        @Flow
        default long daily(LocalDate day) {
            return load(transform(extractDay(day)));
        }

        // @start region=tasks
        @Flow
        default long etl(List<Path> files) throws IOException {
            List<TaskFuture<List<String>>> parts = map(this::extract, files);   // runs in parallel
            TaskFuture<List<String>> all = submit(this::concat, results(parts)); // when all parts are done
            List<String> cleaned = clean(quote(all.get()));                      // no walk of the big list
            return load(cleaned);
        }
        // @end

        @Flow
        default List<String> patiently(Path file) throws IOException {
            // @start region=task-options
            TaskOptions patient = TaskOptions.newBuilder().retries(5).retryDelay("1s").retryBackoff(2).build();
            List<String> rows = Tasks.with(patient).call(this::extract, file);
            // @end
            return rows;
        }

        @Flow
        default List<String> afterTheSchema(Path file) throws IOException {
            TaskFuture<Void> schemaCreated = submit(this::createSchema);
            List<String> raw = extract(file);
            // @start region=task-call
            TaskFuture<List<String>> t = Tasks.with(TaskOptions.newBuilder().retries(5).build())
                    .waitFor(schemaCreated)
                    .submit(this::transform, raw);
            // @end
            return t.get();
        }

        @Flow
        default List<String> quoted(Path file) throws IOException {
            List<String> raw = extract(file);
            // @start region=quote
            List<String> out = transform(quote(raw));
            // @end
            return out;
        }

        @Flow
        default List<Integer> inOrderOfCompletion(List<String> names) {
            List<TaskFuture<Integer>> parts = map(this::count, names);
            List<Integer> reported = new ArrayList<>();
            // @start region=as-completed
            for (TaskFuture<Integer> done : asCompleted(parts)) {
                reported.add(done.get());
            }
            // @end
            return reported;
        }
    }

    // @start region=flows
    static long backfill(Etl etl) {
        LocalDate day = LocalDate.of(2023, 9, 1);
        return Flows.with(FlowOptions.newBuilder().timeout("6h").taskRunner("io").build()).call(etl::daily, day);
    }
    // @end

    // @start region=flow-options
    static long backfillNamed(Etl etl) {
        FlowOptions backfill = FlowOptions.newBuilder().name("backfill-{day}").timeout("6h").taskRunner("io").build();
        return Flows.with(backfill).call(etl::daily, LocalDate.of(2023, 9, 1));
    }
    // @end

    private static Rivulet rivulet() {
        return Rivulet.builder().taskRunner(TaskRunners.threadPool(2)).taskRunner("io", TaskRunners.threadPool(4)).build();
    }

    private Path file(String name, String... lines) throws IOException {
        return Files.write(dir.resolve(name), List.of(lines));
    }

    @Test
    void theTaskReadsTheFilesLines() throws IOException {
        try (Rivulet rivulet = rivulet()) {
            assertEquals(List.of("a", "b"), rivulet.stub(Pipeline.class).extract(file("rows.csv", "a", "b")));
        }
    }

    @Test
    void theFlowRunIsNamedAfterItsDayAndLoadsTheTransformedRows() {
        LOADED.clear();
        try (Rivulet rivulet = rivulet()) {
            rivulet.stub(Etl.class).etl(LocalDate.of(2023, 9, 1));

            FlowRun run = rivulet.lastFlowRun().orElseThrow();
            assertEquals("etl-2023-09-01", run.name());
            assertEquals(List.of("extractDay", "transform", "load"), run.taskRuns().stream().map(TaskRun::taskName).toList());
        }
        assertTrue(LOADED.contains("2023-09-01,SOHO,JFK,52.50"), LOADED.toString());
    }

    @Test
    void partsAreExtractedConcatenatedCleanedAndLoaded() throws IOException {
        LOADED.clear();
        try (Rivulet rivulet = rivulet()) {
            long loaded = rivulet.stub(Etl.class).etl(List.of(file("a.csv", "a1", "", "a2"), file("b.csv", "b1")));

            assertEquals(3, loaded);
            assertEquals(Set.of("a1", "a2", "b1"), LOADED);
        }
    }

    @Test
    void aTaskCalledWithOptionsRunsWithThem() throws IOException {
        try (Rivulet rivulet = rivulet()) {
            assertEquals(List.of("x"), rivulet.stub(Etl.class).patiently(file("x.csv", "x")));

            TaskRun extract = rivulet.lastFlowRun().orElseThrow().taskRuns().get(0);
            assertEquals(State.COMPLETED, extract.state());
            assertEquals(1, extract.attempts());
        }
    }

    @Test
    void aSubmittedTaskWaitsForTheSchemaBeforeItRuns() throws IOException {
        SCHEMAS.clear();
        try (Rivulet rivulet = rivulet()) {
            assertEquals(List.of("A", "B"), rivulet.stub(Etl.class).afterTheSchema(file("ab.csv", "a", "b")));

            assertEquals(Set.of("trips"), SCHEMAS);
            FlowRun run = rivulet.lastFlowRun().orElseThrow();
            TaskRun schema = run.taskRuns().stream().filter(r -> r.taskName().equals("createSchema")).findFirst().orElseThrow();
            TaskRun transform = run.taskRuns().stream().filter(r -> r.taskName().equals("transform")).findFirst().orElseThrow();
            assertTrue(run.graph().upstreamsOf(transform).contains(schema), run.graph().render());
        }
    }

    @Test
    void aQuotedArgumentIsPassedAsIsWithoutAnEdge() throws IOException {
        try (Rivulet rivulet = rivulet()) {
            assertEquals(List.of("Q"), rivulet.stub(Etl.class).quoted(file("q.csv", "q")));

            FlowRun run = rivulet.lastFlowRun().orElseThrow();
            TaskRun transform = run.taskRuns().get(1);
            assertEquals(List.of(), run.graph().upstreamsOf(transform), run.graph().render());
        }
    }

    @Test
    void everyPartIsReportedOnceWhenItIsDone() {
        try (Rivulet rivulet = rivulet()) {
            List<Integer> reported = rivulet.stub(Etl.class).inOrderOfCompletion(List.of("a", "bb", "ccc"));

            assertEquals(Set.of(1, 2, 3), Set.copyOf(reported));
            assertEquals(3, reported.size());
        }
    }

    @Test
    void aBackfillRunsTheDailyFlowWithOtherOptions() {
        LOADED.clear();
        try (Rivulet rivulet = rivulet()) {
            assertEquals(2, backfill(rivulet.stub(Etl.class)));
            assertEquals(2, backfillNamed(rivulet.stub(Etl.class)));

            assertEquals("backfill-2023-09-01", rivulet.lastFlowRun().orElseThrow().name());
            assertEquals("io", rivulet.lastFlowRun().orElseThrow().taskRunnerName());
        }
        assertEquals(Set.of("2023-09-01,SOHO,JFK,52.50", "2023-09-01,JFK,MIDTOWN,70.00"),
                LOADED.stream().collect(Collectors.toSet()));
    }
}
