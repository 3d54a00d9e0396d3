package dev.rivulet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rivulet.runner.TaskRunners;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What options are checked, and when: on the builder for what needs no Rivulet, when the stub is made for names. */
class OptionChecksTest {

    private final Rivulet rivulet = Rivulet.builder().taskRunner(TaskRunners.sequential()).build();

    @AfterEach
    void close() {
        rivulet.close();
    }

    public interface UnknownSerializerNotPersisted {
        @Task(serializer = "yaml")
        default String work() {
            return "work";
        }
    }

    @Test
    void anUnknownSerializerIsRejectedWhenTheStubIsMadeEvenIfTheTaskDoesNotPersist() {
        assertThatThrownBy(() -> rivulet.stub(UnknownSerializerNotPersisted.class))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("UnknownSerializerNotPersisted.work")
                .hasMessageContaining("'yaml'")
                .hasMessageContaining("json");
    }

    public interface UnknownStoreNotPersisted {
        @Task(resultStore = "nowhere")
        default String work() {
            return "work";
        }
    }

    @Test
    void anUnknownStoreIsRejectedWhenTheStubIsMadeEvenIfTheTaskDoesNotPersist() {
        assertThatThrownBy(() -> rivulet.stub(UnknownStoreNotPersisted.class))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("UnknownStoreNotPersisted.work")
                .hasMessageContaining("'nowhere'");
    }

    public interface Work {
        @Task
        default String work() {
            return "work";
        }

        @Flow
        default String flow() {
            return Tasks.with(TaskOptions.newBuilder().persistResult(true).serializer("yaml").build()).call(this::work);
        }
    }

    @Test
    void anUnknownSerializerGivenForOneCallNamesTheTask() {
        assertThatThrownBy(() -> rivulet.stub(Work.class).flow())
                .hasStackTraceContaining("Work.work")
                .hasStackTraceContaining("'yaml'");
    }

    @Test
    void aStorageKeyTemplateThatLeavesTheStoreIsRejectedByTheBuilder() {
        for (String template : new String[] {"../outside/{day}", "/absolute/{day}", "a/../../{day}"}) {
            assertThatThrownBy(() -> TaskOptions.newBuilder().resultStorageKey(template))
                    .isInstanceOf(InvalidDefinitionException.class)
                    .hasMessageContaining("'" + template + "'")
                    .hasMessageContaining("leaves the result store's root");
        }
    }

    @Test
    void aStorageKeyTemplateWithCharactersNoKeyMayHoldIsRejectedByTheBuilder() {
        assertThatThrownBy(() -> TaskOptions.newBuilder().resultStorageKey("trips by day/{day}"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("'trips by day/{day}'")
                .hasMessageContaining("letters, digits");
        assertThatThrownBy(() -> TaskOptions.newBuilder().resultStorageKey("trips/{day"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("unclosed");
    }

    @Test
    void aStorageKeyTemplateWithPlaceholdersAnywhereInASegmentIsAccepted() {
        TaskOptions options = TaskOptions.newBuilder().resultStorageKey("trips/date={day}/{task}-{taskRun}.json").build();
        assertThat(options.resultStorageKey()).contains("trips/date={day}/{task}-{taskRun}.json");
    }

    @Test
    void aNegativeDurationIsReportedAsNegativeNotAsMalformed() {
        for (String text : new String[] {"-1s", "-500ms", "-PT1S"}) {
            assertThatThrownBy(() -> TaskOptions.newBuilder().timeout(text))
                    .isInstanceOf(InvalidDefinitionException.class)
                    .hasMessageContaining("timeout must not be negative, was '" + text + "'");
        }
        assertThatThrownBy(() -> TaskOptions.newBuilder().cacheExpiration("one hour"))
                .hasMessageContaining("is not a duration");
    }
}
