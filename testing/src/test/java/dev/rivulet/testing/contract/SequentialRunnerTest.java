package dev.rivulet.testing.contract;

import static dev.rivulet.Tasks.submit;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rivulet.Rivulet;
import dev.rivulet.Task;
import dev.rivulet.TaskFuture;
import dev.rivulet.runner.TaskRunner;
import dev.rivulet.runner.TaskRunners;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class SequentialRunnerTest extends TaskRunnerContract {
    @Override
    protected TaskRunner newRunner() {
        return TaskRunners.sequential();
    }

    @Override
    protected boolean runsInParallel() {
        return false;
    }

    public interface Recorder {
        @Task
        default void record(List<Integer> sink, int i) {
            sink.add(i);
        }
    }

    @Test
    void runsInSubmissionOrder() {
        try (Rivulet rivulet = Rivulet.builder().taskRunner(TaskRunners.sequential()).build()) {
            Recorder recorder = rivulet.stub(Recorder.class);
            List<Integer> sink = Collections.synchronizedList(new ArrayList<>());
            List<TaskFuture<Void>> futures = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                futures.add(submit(recorder::record, sink, i));
            }
            futures.forEach(TaskFuture::get);
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                expected.add(i);
            }
            assertEquals(expected, sink);
        }
    }
}
