package dev.rivulet.history;

import dev.rivulet.Flow;
import dev.rivulet.Rivulet;
import dev.rivulet.Task;
import dev.rivulet.param.Param;
import java.nio.file.Path;

/**
 * Runs a flow whose subflow's task never ends, recording it in the run directory given as the first
 * argument, and prints {@code blocked} once that task runs; the test kills this JVM then.
 */
public final class KilledWriterChild {

    public interface Stuck {
        @Task
        default String prepare(String what) {
            return "prepared " + what;
        }

        @Task
        default String hang(String prepared) throws InterruptedException {
            System.out.println("blocked");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
            return prepared;
        }

        @Flow(name = "inner")
        default String inner(@Param("prepared") String prepared) throws InterruptedException {
            return hang(prepared);
        }

        @Flow(name = "outer")
        default String outer(@Param("what") String what) throws InterruptedException {
            return inner(prepare(what));
        }
    }

    public static void main(String[] args) throws Exception {
        Path runs = Path.of(args[0]);
        Path results = Path.of(args[1]);
        try (Rivulet rivulet = Rivulet.builder().localResultsDirectory(results)
                .runHistory(RunHistoryOptions.newBuilder().directory(runs).build()).build()) {
            rivulet.stub(Stuck.class).outer("the day");
        }
    }

    private KilledWriterChild() {}
}
