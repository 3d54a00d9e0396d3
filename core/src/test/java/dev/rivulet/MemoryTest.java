package dev.rivulet;

import static dev.rivulet.Tasks.submit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.rivulet.runner.TaskRunners;
import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The graph a flow run keeps for inspection must not keep its results alive. */
class MemoryTest {

    public interface Big {
        @Task
        default byte[] make(int size) {
            return new byte[size];
        }

        @Task
        default int length(byte[] data) {
            return data.length;
        }

        @Flow
        default int run(AtomicReference<WeakReference<byte[]>> seen) {
            TaskFuture<byte[]> submitted = submit(this::make, 8 << 20);
            byte[] direct = make(8 << 20);
            seen.set(new WeakReference<>(submitted.get()));
            return submit(this::length, submitted).get() + length(direct);
        }
    }

    @Test
    void resultsAreNotHeldByTheGraphAfterTheFlow() throws Exception {
        try (Rivulet rivulet = Rivulet.builder().taskRunner(TaskRunners.threadPool(2)).build()) {
            AtomicReference<WeakReference<byte[]>> seen = new AtomicReference<>();
            assertEquals(16 << 20, rivulet.stub(Big.class).run(seen));
            FlowRun run = rivulet.lastFlowRun().orElseThrow();
            assertEquals(4, run.graph().nodes().size());
            for (int i = 0; i < 50 && seen.get().get() != null; i++) {
                System.gc();
                Thread.sleep(20);
            }
            assertNull(seen.get().get(), "the flow run's graph still holds a result");
            assertEquals(State.COMPLETED, run.state());
        }
    }
}
