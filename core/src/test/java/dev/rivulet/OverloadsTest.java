package dev.rivulet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.function.Func0;
import dev.rivulet.function.Func1;
import dev.rivulet.function.Func2;
import dev.rivulet.function.Func3;
import dev.rivulet.function.Func4;
import dev.rivulet.function.Proc0;
import dev.rivulet.function.Proc1;
import dev.rivulet.function.Proc2;
import dev.rivulet.function.Proc3;
import dev.rivulet.function.Proc4;
import dev.rivulet.runner.TaskRunners;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The value-or-future overloads of {@link Tasks}, {@link TaskCall} and {@link Flows}, which the build
 * generates: each verb has one method for every task shape ({@code Func0}...{@code Proc4}) and, where
 * futures are taken, every choice of value or future for each argument; and each of them passes
 * every argument to its place. Tasks and flows here weigh their arguments by position, so a
 * misplaced argument changes the result.
 */
class OverloadsTest {

    private static final AtomicInteger RECORDED = new AtomicInteger();

    private final Rivulet rivulet = Rivulet.builder().taskRunner(TaskRunners.threadPool(2)).build();
    private final Weights weights = rivulet.stub(Weights.class);

    @AfterEach
    void close() {
        rivulet.close();
    }

    /** Primitive parameters: a future in their place takes the path for references that cannot take null. */
    public interface Weights {
        @Task
        default int constant(int value) {
            return value;
        }

        @Task
        default int sum0() {
            return 0;
        }

        @Task
        default int sum1(int a) {
            return a;
        }

        @Task
        default int sum2(int a, int b) {
            return a + 10 * b;
        }

        @Task
        default int sum3(int a, int b, int c) {
            return a + 10 * b + 100 * c;
        }

        @Task
        default int sum4(int a, int b, int c, int d) {
            return a + 10 * b + 100 * c + 1000 * d;
        }

        @Task
        default void record0() {
            RECORDED.set(0);
        }

        @Task
        default void record1(int a) {
            RECORDED.set(sum1(a));
        }

        @Task
        default void record2(int a, int b) {
            RECORDED.set(sum2(a, b));
        }

        @Task
        default void record3(int a, int b, int c) {
            RECORDED.set(sum3(a, b, c));
        }

        @Task
        default void record4(int a, int b, int c, int d) {
            RECORDED.set(sum4(a, b, c, d));
        }

        @Flow
        default int flow0() {
            return sum0();
        }

        @Flow
        default int flow1(int a) {
            return sum1(a);
        }

        @Flow
        default int flow2(int a, int b) {
            return sum2(a, b);
        }

        @Flow
        default int flow3(int a, int b, int c) {
            return sum3(a, b, c);
        }

        @Flow
        default int flow4(int a, int b, int c, int d) {
            return sum4(a, b, c, d);
        }

        @Flow
        default void flowRecord0() {
            record0();
        }

        @Flow
        default void flowRecord1(int a) {
            record1(a);
        }

        @Flow
        default void flowRecord2(int a, int b) {
            record2(a, b);
        }

        @Flow
        default void flowRecord3(int a, int b, int c) {
            record3(a, b, c);
        }

        @Flow
        default void flowRecord4(int a, int b, int c, int d) {
            record4(a, b, c, d);
        }
    }

    /** A verb of a class: where its methods are, what they are called on, and whether arguments may be futures. */
    record Verb(String name, Class<?> owner, String method, boolean futures, boolean flows) {
        @Override
        public String toString() {
            return owner.getSimpleName() + "." + method;
        }
    }

    static Stream<Verb> verbs() {
        return Stream.of(new Verb("Tasks.submit", Tasks.class, "submit", true, false),
                new Verb("TaskCall.submit", TaskCall.class, "submit", true, false),
                new Verb("TaskCall.call", TaskCall.class, "call", false, false),
                new Verb("Flows.call", Flows.class, "call", false, true));
    }

    /** Each method of each verb. */
    static Stream<Arguments> overloads() {
        return verbs().flatMap(verb -> methods(verb).stream().map(method -> Arguments.of(verb, method)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verbs")
    void eachShapeHasOneMethodForEachChoiceOfValueOrFuture(Verb verb) {
        Set<String> expected = new TreeSet<>();
        for (String kind : List.of("Func", "Proc")) {
            for (int arity = 0; arity <= 4; arity++) {
                for (int futures = 0; futures < (verb.futures() ? 1 << arity : 1); futures++) {
                    expected.add(signature(kind + arity, arity, futures));
                }
            }
        }
        Set<String> found = new TreeSet<>();
        for (Method method : methods(verb)) {
            found.add(signature(method));
        }
        assertThat(found).containsExactlyElementsOf(expected);
        assertThat(methods(verb)).hasSize(expected.size());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("overloads")
    void eachMethodPassesEveryArgumentToItsPlace(Verb verb, Method method) throws Throwable {
        Class<?>[] types = method.getParameterTypes();
        int arity = types.length - 1;
        boolean returns = types[0].getSimpleName().startsWith("Func");
        Object[] arguments = new Object[types.length];
        arguments[0] = reference(verb.flows(), returns, arity);
        int expected = 0;
        for (int i = 1; i <= arity; i++) {
            int value = i + 1;
            expected += value * (int) Math.pow(10, i - 1);
            arguments[i] = types[i] == TaskFuture.class ? Tasks.submit(weights::constant, value) : value;
        }
        Object receiver = switch (verb.owner().getSimpleName()) {
            case "Tasks" -> null;
            case "TaskCall" -> Tasks.with(TaskOptions.newBuilder().tags("overloads").build());
            default -> Flows.with(FlowOptions.empty());
        };
        RECORDED.set(-1);
        Object result;
        try {
            result = method.invoke(receiver, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        if (result instanceof TaskFuture<?> future) {
            result = future.get();
        }
        assertThat(returns ? result : RECORDED.get()).isEqualTo(expected);
    }

    private Object reference(boolean flow, boolean returns, int arity) {
        Map<Integer, Object> functions = flow
                ? Map.of(0, (Func0<Integer>) weights::flow0, 1, (Func1<Integer, Integer>) weights::flow1,
                        2, (Func2<Integer, Integer, Integer>) weights::flow2, 3, (Func3<Integer, Integer, Integer, Integer>) weights::flow3,
                        4, (Func4<Integer, Integer, Integer, Integer, Integer>) weights::flow4)
                : Map.of(0, (Func0<Integer>) weights::sum0, 1, (Func1<Integer, Integer>) weights::sum1,
                        2, (Func2<Integer, Integer, Integer>) weights::sum2, 3, (Func3<Integer, Integer, Integer, Integer>) weights::sum3,
                        4, (Func4<Integer, Integer, Integer, Integer, Integer>) weights::sum4);
        Map<Integer, Object> procedures = flow
                ? Map.of(0, (Proc0) weights::flowRecord0, 1, (Proc1<Integer>) weights::flowRecord1,
                        2, (Proc2<Integer, Integer>) weights::flowRecord2, 3, (Proc3<Integer, Integer, Integer>) weights::flowRecord3,
                        4, (Proc4<Integer, Integer, Integer, Integer>) weights::flowRecord4)
                : Map.of(0, (Proc0) weights::record0, 1, (Proc1<Integer>) weights::record1,
                        2, (Proc2<Integer, Integer>) weights::record2, 3, (Proc3<Integer, Integer, Integer>) weights::record3,
                        4, (Proc4<Integer, Integer, Integer, Integer>) weights::record4);
        return (returns ? functions : procedures).get(arity);
    }

    private static List<Method> methods(Verb verb) {
        List<Method> methods = new ArrayList<>();
        for (Method method : verb.owner().getMethods()) {
            boolean isStatic = Modifier.isStatic(method.getModifiers());
            if (method.getName().equals(verb.method()) && isStatic == (verb.owner() == Tasks.class)
                    && method.getParameterCount() > 0 && method.getParameterTypes()[0].getPackageName().equals("dev.rivulet.function")) {
                methods.add(method);
            }
        }
        return methods;
    }

    /** {@code Func2(value, future)}. */
    private static String signature(String shape, int arity, int futures) {
        return shape + IntStream.rangeClosed(1, arity).mapToObj(i -> (futures >> (arity - i) & 1) == 1 ? "future" : "value")
                .toList().toString().replace('[', '(').replace(']', ')');
    }

    private static String signature(Method method) {
        Class<?>[] types = method.getParameterTypes();
        int futures = 0;
        for (int i = 1; i < types.length; i++) {
            futures = futures << 1 | (types[i] == TaskFuture.class ? 1 : 0);
        }
        return signature(types[0].getSimpleName(), types.length - 1, futures);
    }
}
