package dev.rivulet;

import static dev.rivulet.Tasks.map;
import static dev.rivulet.Tasks.quote;
import static dev.rivulet.Tasks.submit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivulet.RunGraph.Edge;
import dev.rivulet.RunGraph.EdgeKind;
import dev.rivulet.internal.structure.RecordBag;
import dev.rivulet.runner.TaskRunners;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IntrospectionTest {

    private final Rivulet rivulet = Rivulet.builder().taskRunner(TaskRunners.threadPool(2)).build();

    @AfterEach
    void close() {
        rivulet.close();
    }

    public record Pair(Object left, Object right) {}

    public interface Inspect {
        @Task
        default String make(String prefix) {
            return prefix + "-" + System.nanoTime();
        }

        @Task
        default List<String> rows(int n) {
            List<String> rows = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                rows.add("row" + i);
            }
            return rows;
        }

        @Task
        default String describe(Object argument) {
            return describeValue(argument);
        }

        @Task
        default int count(List<String> rows) {
            return rows.size();
        }

        @Task
        default String exclaim(String s) {
            return new StringBuilder(s).append("!").toString();
        }

        @Task
        default int length(String s) {
            return s.length();
        }

        @Task
        default int size(List<Object> list, Object extra) {
            return list.size();
        }

        @Task
        default String bagged(RecordBag bag) {
            return bag.name() + ":" + describeValue(bag.items());
        }

        private static String describeValue(Object value) {
            if (value instanceof TaskFuture<?>) {
                return "future";
            }
            if (value instanceof List<?> list) {
                return list.stream().map(IntrospectionTest.Inspect::describeValue).toList().toString();
            }
            if (value instanceof Map<?, ?> map) {
                List<String> entries = new ArrayList<>();
                map.forEach((k, v) -> entries.add(describeValue(k) + "=" + describeValue(v)));
                return entries.toString();
            }
            if (value instanceof Object[] array) {
                return describeValue(List.of(array));
            }
            if (value instanceof Pair pair) {
                return "Pair(" + describeValue(pair.left()) + ", " + describeValue(pair.right()) + ")";
            }
            if (value instanceof Optional<?> optional) {
                return "Optional(" + optional.map(IntrospectionTest.Inspect::describeValue).orElse("") + ")";
            }
            if (value instanceof Set<?> set) {
                return "Set" + set.stream().map(IntrospectionTest.Inspect::describeValue).sorted().toList();
            }
            return String.valueOf(value).replaceAll("-\\d+$", "");
        }

        @Flow
        default String quotedAndUnquoted() {
            TaskFuture<String> a = submit(this::make, "a");
            TaskFuture<String> b = submit(this::make, "b");
            String unquoted = describe(List.of(a, "x"));
            String quoted = describe(quote(List.of(b, "y")));
            return unquoted + " " + quoted;
        }

        @Flow
        default String nested() {
            TaskFuture<String> a = submit(this::make, "a");
            TaskFuture<String> b = submit(this::make, "b");
            TaskFuture<String> c = submit(this::make, "c");
            TaskFuture<String> d = submit(this::make, "d");
            TaskFuture<String> e = submit(this::make, "e");
            Object argument = List.of(Map.of(a, List.of(b)), new Object[] {new Pair(c, 1)}, Optional.of(d), Set.of(e));
            return describe(argument);
        }

        @Flow
        default String recordBag() {
            TaskFuture<String> a = submit(this::make, "a");
            return bagged(new RecordBag("bag", List.of(a, "x")));
        }

        @Flow
        default int identity() {
            List<String> rows = rows(3);
            return count(rows);
        }

        @Flow
        default int quotedIdentity() {
            List<String> rows = rows(3);
            return count(quote(rows));
        }

        @Flow
        default int stringEdge() {
            return length(exclaim("a"));
        }

        @Flow
        default List<Integer> mapKeepsQuoting() {
            List<Object> shared = new ArrayList<>();
            shared.add(submit(this::make, "inside"));
            List<TaskFuture<Integer>> sizes = map(this::size, List.<List<Object>>of(List.of(1), List.of(1, 2)), quote(shared));
            List<Integer> out = new ArrayList<>();
            sizes.forEach(f -> out.add(f.get()));
            return out;
        }
    }

    @Test
    void aFutureInsideAQuotedListIsNotResolvedWhileAnUnquotedOneIs() {
        Inspect inspect = rivulet.stub(Inspect.class);
        assertEquals("[a, x] [future, y]", inspect.quotedAndUnquoted());
        FlowRun run = rivulet.lastFlowRun().orElseThrow();
        TaskRun unquotedCall = run.taskRuns().get(2);
        TaskRun quotedCall = run.taskRuns().get(3);
        assertEquals(List.of(run.taskRuns().get(0)), run.graph().upstreamsOf(unquotedCall));
        assertEquals(List.of(), run.graph().upstreamsOf(quotedCall), "a quoted argument makes no edge");
    }

    @Test
    void mapQuotesTheUnmappedArgumentForEverySubmission() {
        Inspect inspect = rivulet.stub(Inspect.class);
        assertEquals(List.of(1, 2), inspect.mapKeepsQuoting());
        assertTrue(rivulet.lastFlowRun().orElseThrow().graph().edges().isEmpty(), "quoted: no edges for the shared argument");
    }

    @Test
    void futuresAreFoundInMapsKeysArraysRecordsOptionalsAndSets() {
        Inspect inspect = rivulet.stub(Inspect.class);
        assertEquals("[[a=[b]], [Pair(c, 1)], Optional(d), Set[e]]", inspect.nested());
        FlowRun run = rivulet.lastFlowRun().orElseThrow();
        TaskRun describe = run.taskRuns().get(5);
        assertEquals(5, run.graph().upstreamsOf(describe).size());
        assertTrue(run.graph().edges().stream().allMatch(e -> e.kind() == EdgeKind.FUTURE));
    }

    @Test
    void aRecordThatIsACollectionIsWalkedAndRebuiltAsARecord() {
        Inspect inspect = rivulet.stub(Inspect.class);
        assertEquals("bag:[a, x]", inspect.recordBag(), "the task receives the record, its future replaced by the value");
        FlowRun run = rivulet.lastFlowRun().orElseThrow();
        assertEquals(List.of(run.taskRuns().get(0)), run.graph().upstreamsOf(run.taskRuns().get(1)));
    }

    @Test
    void aResultPassedByValueMakesAnIdentityEdge() {
        Inspect inspect = rivulet.stub(Inspect.class);
        assertEquals(3, inspect.identity());
        FlowRun run = rivulet.lastFlowRun().orElseThrow();
        List<Edge> edges = run.graph().edges();
        assertEquals(1, edges.size());
        // The finished run is read from its record: each read makes new run objects, equal by id.
        assertEquals(run.taskRuns().get(0), edges.get(0).upstream());
        assertEquals(run.taskRuns().get(1), edges.get(0).downstream());
        assertEquals(EdgeKind.RESULT, edges.get(0).kind());

        assertEquals(3, inspect.quotedIdentity());
        assertEquals(List.of(), rivulet.lastFlowRun().orElseThrow().graph().edges());
    }

    @Test
    void aStringResultPassedOnMakesAnEdge() {
        Inspect inspect = rivulet.stub(Inspect.class);
        assertEquals(2, inspect.stringEdge());
        List<Edge> edges = rivulet.lastFlowRun().orElseThrow().graph().edges();
        assertEquals(1, edges.size());
        assertEquals(EdgeKind.RESULT, edges.get(0).kind());
    }

    @Test
    void anEqualButDistinctValueMakesNoEdge() {
        Inspect inspect = rivulet.stub(Inspect.class);
        FlowRunHolder holder = new FlowRunHolder();
        Outer outer = rivulet.stub(Outer.class, () -> {
            List<String> rows = inspect.rows(2);
            holder.count = inspect.count(new ArrayList<>(rows));
        });
        outer.run();
        assertEquals(2, holder.count);
        assertEquals(List.of(), rivulet.lastFlowRun().orElseThrow().graph().edges());
    }

    static final class FlowRunHolder {
        int count;
    }

    public interface Outer {
        @Flow
        void run();
    }

    @Test
    void cyclesAreWalkedOnce() {
        Inspect inspect = rivulet.stub(Inspect.class);
        List<Object> cyclic = new ArrayList<>();
        cyclic.add("x");
        cyclic.add(cyclic);
        Map<Object, Object> map = new java.util.IdentityHashMap<>();
        map.put("self", map);
        map.put("list", cyclic);
        Object[] array = new Object[2];
        array[0] = array;
        array[1] = cyclic;
        // Cyclic arguments must neither overflow the stack nor hang.
        Recursive r = rivulet.stub(Recursive.class);
        assertEquals(2, r.size(cyclic));
        assertEquals(2, submit(r::size, List.of(map, array)).get());
        assertInstanceOf(String.class, inspect.describe(List.of("a")));
    }

    public interface Recursive {
        @Task
        default int size(List<Object> list) {
            return list.size();
        }
    }
}
