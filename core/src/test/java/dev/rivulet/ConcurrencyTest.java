package dev.rivulet;

import static dev.rivulet.Tasks.map;
import static dev.rivulet.Tasks.results;
import static dev.rivulet.Tasks.submit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivulet.history.RunHistoryOptions;
import dev.rivulet.runner.TaskRunners;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {

    public interface Words {
        @Task
        default String word(int flow, int i) {
            return flow + ":" + i;
        }

        @Task
        default int count(List<String> words) {
            return words.size();
        }

        @Flow(name = "words-{flow}")
        default int words(int flow) {
            List<TaskFuture<String>> words = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                words.add(submit(this::word, flow, i));
            }
            return submit(this::count, results(words)).get();
        }
    }

    @Test
    void aThousandFlowsRunConcurrentlyOnVirtualThreads() throws Exception {
        try (Rivulet rivulet = Rivulet.builder().taskRunner(TaskRunners.virtualThreads()).flowRunHistory(1000).build();
             ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            Words words = rivulet.stub(Words.class);
            List<Future<Integer>> results = new ArrayList<>();
            for (int flow = 0; flow < 1000; flow++) {
                int f = flow;
                results.add(callers.submit(() -> words.words(f)));
            }
            for (Future<Integer> result : results) {
                assertEquals(5, result.get());
            }
            List<FlowRun> runs = rivulet.recentFlowRuns();
            assertEquals(1000, runs.size());
            assertEquals(1000, runs.stream().map(FlowRun::name).distinct().count());
            for (FlowRun run : runs) {
                assertEquals(State.COMPLETED, run.state());
                assertEquals(6, run.taskRuns().size(), run.name());
                assertEquals(5, run.graph().edges().size(), run.name());
                String flow = run.name().substring("words-".length());
                assertTrue(run.taskRuns().stream().limit(5).allMatch(t -> t.flowRun().orElseThrow() == run));
                assertTrue(run.parameters().get("flow").toString().equals(flow));
            }
        }
    }

    public interface Chain {
        @Task
        default long inc(long x) {
            return x + 1;
        }

        @Flow
        default long chain(int length) {
            TaskFuture<Long> last = submit(this::inc, 0L);
            for (int i = 1; i < length; i++) {
                last = submit(this::inc, last);
            }
            return last.get();
        }

        @Flow
        default long fanOut(int width) {
            List<TaskFuture<Long>> all = map(this::inc, IntStream.range(0, width).mapToObj(i -> (long) i).toList());
            long sum = 0;
            for (TaskFuture<Long> f : all) {
                sum += f.get();
            }
            return sum;
        }
    }

    @Test
    void longChainsAndWideFanOutsComplete() {
        // Every task run of the chain in its record, so that the finished run's graph, read from there, has every edge.
        try (Rivulet rivulet = Rivulet.builder().taskRunner(TaskRunners.threadPool(2))
                .runHistory(RunHistoryOptions.newBuilder().taskRunsInDetail(10_000).build()).build()) {
            Chain chain = rivulet.stub(Chain.class);
            assertEquals(10_000, chain.chain(10_000));
            assertEquals(10_000, rivulet.lastFlowRun().orElseThrow().graph().edges().size() + 1);
            long width = 20_000;
            assertEquals(width * (width + 1) / 2, chain.fanOut((int) width));
        }
    }
}
