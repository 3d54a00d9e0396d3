package dev.rivulet.internal.option;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rivulet.CacheKeyFunction;
import dev.rivulet.CachePolicy;
import dev.rivulet.Flow;
import dev.rivulet.FlowOptions;
import dev.rivulet.InvalidDefinitionException;
import dev.rivulet.Task;
import dev.rivulet.TaskHook;
import dev.rivulet.TaskOptions;
import dev.rivulet.TaskRun;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every option of {@link TaskOptions} and {@link FlowOptions} is declared once, in its table, and
 * that declaration alone carries it through annotation reading, printing, equality and merging.
 * The tests go over the tables and the annotations, so an option or attribute added without its
 * wiring fails here.
 */
class OptionTablesTest {

    /** A hook that equals every other of its class, so that two reads of one annotation are equal options. */
    record SampleHook() implements TaskHook {
        @Override
        public void onFinal(TaskRun run, Object result) {}
    }

    record SampleKeyFunction() implements CacheKeyFunction {
        @Override
        public String cacheKey(TaskRun run, Map<String, Object> arguments) {
            return "key";
        }
    }

    /** The class given to a {@code Class} attribute, by the bound of its type. */
    private static final Map<Class<?>, Class<?>> SAMPLE_CLASSES = Map.of(
            TaskHook.class, SampleHook.class, CacheKeyFunction.class, SampleKeyFunction.class, Throwable.class, IOException.class);

    /** One annotation table: the annotation, its table, and how read options are made of it. */
    record Table<A extends Annotation>(Class<A> annotationType, OptionTable<A, ?> table, Function<A, Object> read) {
        /** The options of an annotation with every attribute at its default but {@code attribute}. */
        Object readOnly(Method attribute) {
            return read.apply(annotation(annotationType, Map.of(attribute.getName(), sample(attribute))));
        }

        Object readDefaults() {
            return read.apply(annotation(annotationType, Map.of()));
        }

        @Override
        public String toString() {
            return annotationType.getSimpleName();
        }
    }

    static Stream<Table<?>> tables() {
        return Stream.of(new Table<>(Task.class, TaskOptionTable.TABLE, TaskOptionTable::read),
                new Table<>(Flow.class, FlowOptionTable.TABLE, FlowOptionTable::read));
    }

    /** Each attribute of each annotation, with the table that reads it. */
    static Stream<Arguments> attributes() {
        return tables().flatMap(table -> Arrays.stream(table.annotationType().getDeclaredMethods())
                .map(attribute -> Arguments.of(table, attribute.getName())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tables")
    void everyAttributeOfTheAnnotationIsReadIntoAnOption(Table<?> table) {
        List<String> attributes = Arrays.stream(table.annotationType().getDeclaredMethods()).map(Method::getName).toList();
        assertThat(table.table().attributes().keySet()).containsExactlyInAnyOrderElementsOf(attributes);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tables")
    void everyOptionIsReadFromAnAttribute(Table<?> table) {
        // Task types' options are set in code only: @Task cannot know their classes.
        List<Option<?>> options = table.table().options().stream().filter(option -> option != TaskOptionTable.EXTENSIONS).toList();
        assertThat(table.table().attributes().values()).containsAll(options);
    }

    @ParameterizedTest(name = "{0}.{1}")
    @MethodSource("attributes")
    void anAttributeSetsItsOptionAloneWhichPrintsComparesAndMerges(Table<?> table, String attributeName) throws Exception {
        Method attribute = table.annotationType().getMethod(attributeName);
        Option<?> option = table.table().attributes().get(attributeName);
        Object read = table.readOnly(attribute);
        Object again = table.readOnly(attribute);
        Object empty = table.readDefaults();

        String typeName = read.getClass().getSimpleName();
        assertThat(read.toString()).startsWith(typeName + "{" + option.name() + "=");
        assertThat(empty).hasToString(typeName + "{}");

        assertThat(read).isEqualTo(again).hasSameHashCodeAs(again).isNotEqualTo(empty);

        assertThat(withDefaults(read, empty)).isEqualTo(read);
        assertThat(withDefaults(empty, read)).as("unset options inherit").isEqualTo(read);
        for (Method other : table.annotationType().getDeclaredMethods()) {
            if (table.table().attributes().get(other.getName()) != option) {
                Object otherRead = table.readOnly(other);
                assertThat(read).isNotEqualTo(otherRead);
                assertThat(withDefaults(read, otherRead)).as("options set on either side are kept")
                        .isEqualTo(withDefaults(otherRead, read))
                        .isNotEqualTo(read).isNotEqualTo(otherRead);
            }
        }
    }

    @Test
    void anAttributeAtItsDefaultLeavesItsOptionUnsetSoThatItInherits() {
        TaskOptions fromAnnotation = TaskOptionTable.read(annotation(Task.class, Map.of()));
        TaskOptions defaults = TaskOptions.newBuilder().retries(3).cacheResultInMemory(false).build();
        assertThat(fromAnnotation.isEmpty()).isTrue();
        assertThat(fromAnnotation.withDefaults(defaults)).isEqualTo(defaults);
    }

    @Test
    void annotationsAreCheckedAsTheBuilderChecksThem() {
        Task negativeRetries = annotation(Task.class, Map.of("retries", -1));
        assertThatThrownBy(() -> TaskOptionTable.read(negativeRetries))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("retries must not be negative, was -1");
        Task unmadeHook = annotation(Task.class, Map.of("onFailure", new Class<?>[] {TaskHook.class}));
        assertThatThrownBy(() -> TaskOptionTable.read(unmadeHook))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("onFailure class dev.rivulet.TaskHook cannot be made");
    }

    @Test
    void optionsPrintWhatIsSetInDeclarationOrder() {
        TaskOptions options = TaskOptions.newBuilder().timeout("30s").retries(3).tags("daily", "s3").onCompletion(new SampleHook())
                .retryOn(IOException.class).cachePolicy(CachePolicy.INPUTS).build();
        assertThat(options).hasToString("TaskOptions{retries=3, retryCondition=retryOn[java.io.IOException], timeout=PT30S, "
                + "tags=[daily, s3], onCompletion=[SampleHook[]], cachePolicy=[INPUTS]}");
        assertThat(FlowOptions.newBuilder().taskRunner("io").persistResult(true).build())
                .hasToString("FlowOptions{taskRunner=io, taskDefaults=TaskOptions{persistResult=true}}");
    }

    @Test
    void setValuesReplaceDefaultsWhileTagsAndHooksAddUp() {
        TaskHook first = new SampleHook();
        TaskHook second = (run, result) -> {};
        TaskOptions defaults = TaskOptions.newBuilder().retries(1).tags("a", "b").onFailure(first).build();
        TaskOptions these = TaskOptions.newBuilder().retries(2).tags("b", "c").onFailure(second).build();
        TaskOptions merged = these.withDefaults(defaults);
        assertThat(merged.retries()).isEqualTo(2);
        assertThat(merged.tags()).containsExactly("a", "b", "c");
        assertThat(merged.onFailure()).containsExactly(first, second);
    }

    @Test
    void optionsSetToTheSameValuesAreEqualHoweverTheyWereBuilt() {
        assertThat(TaskOptions.newBuilder().retryDelay("1s", "2s").retryOn(IOException.class).build())
                .isEqualTo(TaskOptions.newBuilder().retryDelays(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)))
                        .retryOn(IOException.class).build());
        assertThat(TaskOptions.newBuilder().retries(0).build()).as("set to its unset value is still set")
                .isNotEqualTo(TaskOptions.empty());
        assertThat(FlowOptions.newBuilder().taskDefaults(TaskOptions.empty()).build()).isEqualTo(FlowOptions.empty());
        assertThat(FlowOptions.newBuilder().persistResult(true).build())
                .isEqualTo(FlowOptions.newBuilder().taskDefaults(TaskOptions.newBuilder().persistResult(true).build()).build());
    }

    @Test
    void anOptionOfAnotherTableIsRejected() {
        OptionValues.Builder task = TaskOptionTable.TABLE.none().toBuilder();
        assertThatThrownBy(() -> task.set(FlowOptionTable.TASK_RUNNER, "io"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("FlowOptions.taskRunner is no option of TaskOptions");
    }

    private static Object withDefaults(Object these, Object defaults) {
        return these instanceof TaskOptions task ? task.withDefaults((TaskOptions) defaults)
                : ((FlowOptions) these).withDefaults((FlowOptions) defaults);
    }

    /** An instance of the annotation with these attribute values, the others at their defaults. */
    private static <A extends Annotation> A annotation(Class<A> type, Map<String, Object> values) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getName().equals("annotationType")) {
                return type;
            }
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "@" + type.getSimpleName() + values;
                };
            }
            return values.getOrDefault(method.getName(), method.getDefaultValue());
        }));
    }

    /**
     * A value other than the attribute's default that every attribute of its type accepts: {@code
     * "1s"} is a duration, and also a valid name, store, serializer, version or storage key.
     */
    private static Object sample(Method attribute) {
        Class<?> type = attribute.getReturnType();
        if (type == String.class) {
            return "1s";
        }
        if (type == String[].class) {
            return new String[] {"1s"};
        }
        if (type == int.class) {
            return 1;
        }
        if (type == double.class) {
            return 2.0;
        }
        if (type == boolean.class) {
            return !(Boolean) attribute.getDefaultValue();
        }
        if (type.isArray() && type.getComponentType().isEnum()) {
            Object[] constants = type.getComponentType().getEnumConstants();
            Object one = java.lang.reflect.Array.newInstance(type.getComponentType(), 1);
            java.lang.reflect.Array.set(one, 0, constants[constants.length - 1]);
            return one;
        }
        if (type == Class.class) {
            return sampleClass(attribute, attribute.getGenericReturnType());
        }
        if (type == Class[].class) {
            Type element = ((GenericArrayType) attribute.getGenericReturnType()).getGenericComponentType();
            return new Class<?>[] {sampleClass(attribute, element)};
        }
        throw new AssertionError("no sample value for " + attribute + ": add one to sample(...)");
    }

    private static Class<?> sampleClass(Method attribute, Type classType) {
        Type bound = ((WildcardType) ((ParameterizedType) classType).getActualTypeArguments()[0]).getUpperBounds()[0];
        Class<?> sample = SAMPLE_CLASSES.get(bound);
        if (sample == null) {
            throw new AssertionError("no sample class for " + attribute + ": add one for " + bound + " to SAMPLE_CLASSES");
        }
        return sample;
    }

}
