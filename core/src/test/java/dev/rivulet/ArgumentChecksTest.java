package dev.rivulet;

import static dev.rivulet.Tasks.allowFailure;
import static dev.rivulet.Tasks.results;
import static dev.rivulet.Tasks.submit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivulet.function.Func1;
import dev.rivulet.runner.TaskRunners;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Mistakes in the arguments of submit and its helpers are reported naming the argument. */
class ArgumentChecksTest {

    private final Rivulet rivulet = Rivulet.builder().taskRunner(TaskRunners.threadPool(2)).build();

    @AfterEach
    void close() {
        rivulet.close();
    }

    public interface Numbers {
        @Task
        default int square(int x) {
            return x * x;
        }

        @Task
        default int add(int first, int second) {
            return first + second;
        }

        @Task
        default String describe(Integer value) {
            return "value=" + value;
        }
    }

    @Test
    void nullHelpersArgumentsAreNamed() {
        assertEquals("task", assertThrows(NullPointerException.class, () -> submit((Func1<Integer, Integer>) null, 1)).getMessage());
        assertEquals("future", assertThrows(NullPointerException.class, () -> allowFailure(null)).getMessage());
        assertEquals("futures", assertThrows(NullPointerException.class, () -> results(null)).getMessage());
        List<TaskFuture<Integer>> withNull = java.util.Arrays.asList(submit(rivulet.stub(Numbers.class)::square, 2), null);
        assertEquals("futures[1]", assertThrows(NullPointerException.class, () -> results(withNull)).getMessage());
    }

    @Test
    void aNullForAPrimitiveParameterIsRejectedNamingIt() {
        Numbers numbers = rivulet.stub(Numbers.class);
        NullPointerException values = assertThrows(NullPointerException.class, () -> submit(numbers::square, (Integer) null));
        assertMessage(values, "parameter 'x'");
        assertMessage(values, "Numbers.square");
        TaskFuture<Integer> two = submit(numbers::square, 2);
        NullPointerException mixed = assertThrows(NullPointerException.class, () -> submit(numbers::add, two, (Integer) null));
        assertMessage(mixed, "parameter 'second'");
        assertMessage(assertThrows(NullPointerException.class, () -> Tasks.with(TaskOptions.empty()).call(numbers::square, (Integer) null)),
                "parameter 'x'");
        assertTrue(submit(numbers::describe, (Integer) null).get().equals("value=null"));
    }

    @Test
    void allowFailureCannotFeedAPrimitiveParameter() {
        Numbers numbers = rivulet.stub(Numbers.class);
        TaskFuture<Integer> two = submit(numbers::square, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> submit(numbers::add, 1, allowFailure(two)));
        assertMessage(e, "parameter 'second' (int) of Numbers.add");
        assertMessage(e, "Integer");
        assertEquals("value=4", submit(numbers::describe, allowFailure(two)).get());
    }

    private static void assertMessage(Throwable e, String expected) {
        assertTrue(e.getMessage() != null && e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }
}
