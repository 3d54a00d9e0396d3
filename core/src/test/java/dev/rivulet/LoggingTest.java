package dev.rivulet;

import static dev.rivulet.Tasks.submit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.rivulet.runner.TaskRunners;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LoggingTest {

    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private final Logger taskLogger = (Logger) LoggerFactory.getLogger("dev.rivulet.TaskRun");
    private final Logger flowLogger = (Logger) LoggerFactory.getLogger("dev.rivulet.FlowRun");
    private Level previousLevel;

    @BeforeEach
    void capture() {
        previousLevel = taskLogger.getLevel();
        taskLogger.setLevel(Level.DEBUG);
        events.start();
        taskLogger.addAppender(events);
        flowLogger.addAppender(events);
    }

    @AfterEach
    void release() {
        taskLogger.detachAppender(events);
        flowLogger.detachAppender(events);
        taskLogger.setLevel(previousLevel);
    }

    public interface Logged {
        @Task(retries = 1)
        default String flaky(AtomicInteger calls) {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("first try fails");
            }
            return "ok";
        }

        @Task
        default String broken() {
            throw new IllegalArgumentException("always fails");
        }

        @Flow
        default String run() {
            String ok = submit(this::flaky, new AtomicInteger()).get();
            try {
                submit(this::broken).get();
            } catch (TaskFailedException expected) {
                // looked at, so the flow completes
            }
            return ok;
        }

        @Flow
        default String failing() {
            return broken();
        }

        @Flow(retries = 1)
        default String flakyFlow(AtomicInteger calls) {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("first flow attempt fails");
            }
            return "ok";
        }

        @Flow(retries = 1)
        default String alwaysFailingFlow() {
            throw new IllegalStateException("every flow attempt fails");
        }
    }

    @Test
    void stateChangesAtDebugRetriesAtWarnFailuresAtErrorAllWithRunIds() {
        try (Rivulet rivulet = Rivulet.builder().taskRunner(TaskRunners.sequential()).build()) {
            assertEquals("ok", rivulet.stub(Logged.class).run());
            FlowRun run = rivulet.lastFlowRun().orElseThrow();
            TaskRun flaky = run.taskRuns().get(0);
            TaskRun broken = run.taskRuns().get(1);

            List<String> flakyStates = events.list.stream()
                    .filter(e -> e.getLevel() == Level.DEBUG && flaky.id().equals(e.getMDCPropertyMap().get("taskRun")))
                    .map(ILoggingEvent::getFormattedMessage).toList();
            assertTrue(flakyStates.stream().anyMatch(m -> m.endsWith("is RUNNING")), flakyStates.toString());

            ILoggingEvent retry = events.list.stream().filter(e -> e.getLevel() == Level.WARN).findFirst().orElseThrow();
            assertTrue(retry.getFormattedMessage().contains("flaky-0") && retry.getFormattedMessage().contains("retrying"), retry.getFormattedMessage());
            assertEquals("first try fails", retry.getThrowableProxy().getMessage());
            assertEquals(run.id(), retry.getMDCPropertyMap().get("flowRun"));

            ILoggingEvent failure = events.list.stream().filter(e -> e.getLevel() == Level.ERROR).findFirst().orElseThrow();
            assertTrue(failure.getFormattedMessage().contains("broken-0") && failure.getFormattedMessage().contains("FAILED"), failure.getFormattedMessage());
            assertTrue(failure.getFormattedMessage().endsWith("java.lang.IllegalArgumentException: always fails"), failure.getFormattedMessage());
            assertEquals(broken.id(), failure.getMDCPropertyMap().get("taskRun"));
            assertEquals("broken", failure.getMDCPropertyMap().get("task"));
        }
    }

    @Test
    void aFailureThrownToTheCallerIsNotAlsoLoggedWithItsStackTrace() {
        try (Rivulet rivulet = Rivulet.builder().taskRunner(TaskRunners.sequential()).build()) {
            Logged logged = rivulet.stub(Logged.class);
            assertThrows(IllegalArgumentException.class, logged::failing);
            assertEquals(0, stackTracesOf("always fails"), "the caller gets the exception; the log should not print it again");
            assertEquals(2, events.list.stream().filter(e -> e.getLevel() == Level.ERROR).count(), "one line for the task run, one for the flow run");

            events.list.clear();
            assertEquals("ok", logged.run());
            assertEquals(1, stackTracesOf("first try fails"), "a retried attempt's failure is thrown to nobody, so it is logged");
            assertEquals(0, stackTracesOf("always fails"), "get() threw it");
        }
    }

    @Test
    void aFlowLogsARetriedAttemptAtWarnAndItsEndInOneLineWithItsRunId() {
        try (Rivulet rivulet = Rivulet.builder().taskRunner(TaskRunners.sequential()).build()) {
            Logged logged = rivulet.stub(Logged.class);
            assertEquals("ok", logged.flakyFlow(new AtomicInteger()));
            FlowRun flaky = rivulet.lastFlowRun().orElseThrow();
            ILoggingEvent retry = events.list.stream().filter(e -> e.getLevel() == Level.WARN).findFirst().orElseThrow();
            assertEquals("Flow run '" + flaky.name() + "' attempt 1 of 2 failed; retrying in 0 ms", retry.getFormattedMessage());
            assertEquals("first flow attempt fails", retry.getThrowableProxy().getMessage());
            assertEquals(flaky.id(), retry.getMDCPropertyMap().get("flowRun"));

            events.list.clear();
            assertThrows(IllegalStateException.class, logged::alwaysFailingFlow);
            FlowRun failed = rivulet.lastFlowRun().orElseThrow();
            assertEquals(1, stackTracesOf("every flow attempt fails"), "the retried attempt's, not the last one's, which the caller gets");
            List<ILoggingEvent> errors = events.list.stream().filter(e -> e.getLevel() == Level.ERROR).toList();
            assertEquals(1, errors.size());
            assertEquals("Flow run '" + failed.name() + "' ended FAILED: java.lang.IllegalStateException: every flow attempt fails",
                    errors.get(0).getFormattedMessage());
            assertEquals(failed.id(), errors.get(0).getMDCPropertyMap().get("flowRun"));
        }
    }

    private long stackTracesOf(String message) {
        return events.list.stream().filter(e -> e.getThrowableProxy() != null)
                .filter(e -> message.equals(e.getThrowableProxy().getMessage())).count();
    }
}
