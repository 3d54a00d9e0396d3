package dev.rivulet.moduletest;

import dev.rivulet.FlowRun;
import dev.rivulet.Rivulet;
import dev.rivulet.TaskRun;
import dev.rivulet.moduletest.closed.Unopened;
import dev.rivulet.moduletest.opened.Readings;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The application the tests launch: {@code readings DIR} runs the opened package's flow with results
 * under DIR, {@code unopened direct|submitted|chained|persisted DIR} runs a flow of the package that is not opened, and
 * {@code internals} reports what the module system lets this module see of Rivulet's internals. It
 * prints what it observed, one fact a line, for the tests to read.
 */
public final class Application {

    private Application() {}

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "readings" -> readings(Path.of(args[1]));
            case "unopened" -> unopened(args[1], Path.of(args[2]));
            case "internals" -> internals();
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    private static void readings(Path results) {
        System.out.println("rivulet module: " + Rivulet.class.getModule().getName());
        try (Rivulet rivulet = Rivulet.builder().localResultsDirectory(results).build()) {
            Readings.Summary summary = rivulet.stub(Readings.class).run(List.of("a", "bb", "ccc"), 4);
            System.out.println("summary: " + summary);
            FlowRun run = rivulet.lastFlowRun().orElseThrow();
            String states = run.taskRuns().stream()
                    .map(TaskRun::state)
                    .map(Object::toString)
                    .sorted()
                    .collect(Collectors.joining(","));
            System.out.println("task states: " + states);
        }
    }

    private static void unopened(String flow, Path results) {
        try (Rivulet rivulet = Rivulet.builder().localResultsDirectory(results).build()) {
            Unopened stub = rivulet.stub(Unopened.class);
            Object result = switch (flow) {
                case "direct" -> stub.direct(20);
                case "submitted" -> stub.submitted(20);
                case "chained" -> stub.chained(20);
                case "persisted" -> stub.persisted(250);
                default -> throw new IllegalArgumentException("unknown flow " + flow);
            };
            System.out.println("result: " + result);
            System.out.println("task states: " + rivulet.lastFlowRun().orElseThrow().taskRuns().stream().map(TaskRun::state).toList());
        }
    }

    private static void internals() throws Exception {
        Module core = Rivulet.class.getModule();
        System.out.println("exports dev.rivulet: " + core.isExported("dev.rivulet"));
        System.out.println("exports dev.rivulet.internal.run: " + core.isExported("dev.rivulet.internal.run"));
        Class<?> engine = Class.forName("dev.rivulet.internal.run.Engine");
        try {
            engine.getDeclaredConstructors()[0].setAccessible(true);
            System.out.println("internal constructor: accessible");
        } catch (RuntimeException e) {
            System.out.println("internal constructor: " + e.getClass().getSimpleName());
        }
    }
}
