package dev.rivulet.extension;

import static dev.rivulet.Tasks.submit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rivulet.Flow;
import dev.rivulet.FlowRun;
import dev.rivulet.InvalidDefinitionException;
import dev.rivulet.Rivulet;
import dev.rivulet.State;
import dev.rivulet.Task;
import dev.rivulet.TaskFuture;
import dev.rivulet.TaskOptions;
import dev.rivulet.TaskRun;
import dev.rivulet.Tasks;
import dev.rivulet.extension.LabelledTaskType.Label;
import dev.rivulet.extension.LabelledTaskType.Labelled;
import dev.rivulet.extension.LabelledTaskType.Labels;
import dev.rivulet.history.RunHistoryOptions;
import dev.rivulet.history.TaskRunRecord;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A task type found through ServiceLoader: its methods' calls are task runs whose body it wraps. */
class TaskTypeTest {

    static final AtomicInteger ATTEMPTS = new AtomicInteger();

    public interface Greetings {
        @Labelled("hello")
        default String greet(String who) {
            return who;
        }

        @Labelled
        @Task(retries = 2, name = "shaky-{who}")
        default String shaky(String who) {
            if (ATTEMPTS.incrementAndGet() < 3) {
                throw new IllegalStateException("not yet");
            }
            return who;
        }

        @Task
        default int length(String text) {
            return text.length();
        }

        @Flow
        default int greetAll() {
            TaskFuture<String> ada = submit(this::greet, "ada");
            TaskFuture<Integer> length = submit(this::length, ada);
            String reused = greet("reuse");
            return length.get() + reused.length();
        }
    }

    public interface Misused {
        @Labelled
        default int count() {
            return 1;
        }
    }

    public interface Both {
        @Labelled
        @Flow
        default String both() {
            return "";
        }
    }

    @Test
    void aCallRunsTheTypesBodyAsATaskRunWithItsStateEdgesAndRecordedArtifact(@TempDir Path runs) {
        try (Rivulet rivulet = Rivulet.builder().runHistory(RunHistoryOptions.newBuilder().directory(runs).build()).build()) {
            int total = rivulet.stub(Greetings.class).greetAll();

            assertThat(total).isEqualTo("hello:ada".length() + "hello:reuse".length());
            FlowRun run = rivulet.lastFlowRun().orElseThrow();
            Map<String, TaskRun> byName = run.taskRuns().stream().collect(Collectors.toMap(TaskRun::name, Function.identity()));
            assertThat(byName.get("greet-0").state()).isEqualTo(State.COMPLETED);
            assertThat(byName.get("greet-0").tags()).contains("labelled");
            assertThat(byName.get("greet-1").state()).as("the body said it reused earlier work").isEqualTo(State.CACHED);
            assertThat(run.graph().render()).contains("length-0  COMPLETED").contains("<- greet-0 (future)");

            Map<String, TaskRunRecord> records = rivulet.runHistory().find(run.id()).orElseThrow().taskRuns().stream()
                    .collect(Collectors.toMap(TaskRunRecord::name, Function.identity()));
            assertThat(records.get("greet-0").artifact().location()).hasToString("memory:/hello");
            assertThat(records.get("greet-0").artifact().taskRunId()).isEqualTo(byName.get("greet-0").id());
            assertThat(records.get("length-0").artifact()).isNull();
        }
    }

    @Test
    void theTaskAnnotationsOptionsApplyAndTheCallsExtensionOptionsReachTheBody() {
        ATTEMPTS.set(0);
        try (Rivulet rivulet = Rivulet.builder().component(new Labels("fallback")).build()) {
            Greetings greetings = rivulet.stub(Greetings.class);

            assertThat(greetings.shaky("bob")).as("retried twice, then labelled by the component").isEqualTo("fallback:bob");
            assertThat(ATTEMPTS).hasValue(3);

            TaskOptions own = TaskOptions.newBuilder().extension(new Label("own")).build();
            assertThat(Tasks.with(own).call(greetings::greet, "cy")).isEqualTo("own:cy");
            assertThat(greetings.greet("cy")).as("the option was the call's alone").isEqualTo("hello:cy");
        }
    }

    @Test
    void aMisusedAnnotationIsADefinitionErrorNamingTheMethodAndTheFix() {
        try (Rivulet rivulet = Rivulet.create()) {
            assertThatThrownBy(() -> rivulet.stub(Misused.class))
                    .isInstanceOf(InvalidDefinitionException.class)
                    .hasMessage("@Labelled on Misused.count: a labelled task returns String, not int");
            assertThatThrownBy(() -> rivulet.stub(Both.class))
                    .isInstanceOf(InvalidDefinitionException.class)
                    .hasMessageContaining("Both.both has both @Labelled and @Flow");
        }
    }

    @Test
    void extensionOptionsOfTheCallReplaceTheDefaultsOfTheSameClass() {
        TaskOptions defaults = TaskOptions.newBuilder().extension(new Label("default")).extension("other").build();
        TaskOptions call = TaskOptions.newBuilder().extension(new Label("call")).build();

        TaskOptions merged = call.withDefaults(defaults);

        assertThat(merged.extension(Label.class)).contains(new Label("call"));
        assertThat(merged.extension(String.class)).contains("other");
        assertThat(TaskOptions.empty().extension(Label.class)).isEmpty();
    }
}
