package dev.rivulet.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rivulet.Flow;
import dev.rivulet.Rivulet;
import dev.rivulet.State;
import dev.rivulet.Task;
import dev.rivulet.runner.TaskRunners;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

class RivuletExtensionTest {

    public interface Greeter {
        @Task
        default String greet(String name) {
            return "hello " + name;
        }

        @Flow
        default String welcome(String name) {
            return greet(name) + "!";
        }
    }

    @Nested
    class Registered {
        @RegisterExtension
        final RivuletExtension rivulet = RivuletExtension.withRunner(TaskRunners::sequential);

        @Test
        void givesAFreshRuntimeAndItsLastFlowRun() {
            assertThrows(IllegalStateException.class, rivulet::lastFlowRun);
            assertEquals("hello ada!", rivulet.stub(Greeter.class).welcome("ada"));
            assertEquals(State.COMPLETED, rivulet.lastFlowRun().state());
            assertEquals("default", rivulet.lastFlowRun().taskRunnerName());
        }

        @Test
        void eachTestHasItsOwnRuntime() {
            assertThrows(IllegalStateException.class, rivulet::lastFlowRun);
        }
    }

    @Nested
    @ExtendWith(RivuletExtension.class)
    class Extended {
        @Test
        void injectsTheRuntime(Rivulet rivulet) {
            assertEquals("hello bo!", rivulet.stub(Greeter.class).welcome("bo"));
            assertEquals(1, rivulet.recentFlowRuns().size());
        }

        @Test
        void injectsAFreshRuntimeEachTime(Rivulet rivulet) {
            assertEquals(0, rivulet.recentFlowRuns().size());
        }
    }

    @Test
    void outsideATestThereIsNoRuntime() {
        RivuletExtension unused = RivuletExtension.withRunner(TaskRunners::sequential);
        assertThrows(IllegalStateException.class, unused::rivulet);
    }
}
