package dev.rivulet.internal.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntUnaryOperator;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BytecodeHashTest {

    /** A task class; the capitalized words are replaced to make versions of it. */
    static final String PIPELINE = """
            package fixtures;

            import java.util.List;
            import java.util.stream.Collectors;

            public class Pipeline {
                static final String PREFIX = "row-";
                private int calls;

                public String describe() {
                    DESCRIBE
                }
            MOVED
                public String task(List<Integer> values, int mode) {
                    calls++;
                    String label = switch (mode) {
                        case 0 -> "zero";
                        case 1 -> "one";
                        case 2 -> "two";
                        default -> "many";
                    };
                    int bucket = switch (mode * 1000) {
                        case 0 -> 1;
                        case 5000 -> 2;
                        case 100000 -> 3;
                        default -> 4;
                    };
                    try {
                        return label + bucket + values.stream().map(v -> PREFIX + (v * LAMBDA)).collect(Collectors.joining(","))
                                + helper(mode) + scale(mode);
                    } catch (IllegalStateException e) {
                        return "failed";
                    }
                }

                private int helper(int mode) {
                    return deeper(mode) + 1;
                }

                private int deeper(int mode) {
                    return mode * DEEPER;
                }

                public int scale(int mode) {
                    return mode * SCALE;
                }
            }
            """;

    static final String ORIGINAL = "DESCRIBE=return \"pipeline\"; MOVED= LAMBDA=2 DEEPER=3 SCALE=4";

    @TempDir
    Path work;

    @Test
    void theSameSourceCompiledTwiceHashesAlike() {
        assertEquals(pipelineTask(ORIGINAL), pipelineTask(ORIGINAL));
    }

    @Test
    void aHashIsSixtyFourLowerCaseHexDigits() {
        assertTrue(pipelineTask(ORIGINAL).matches("[0-9a-f]{64}"));
    }

    @Test
    void editingTheBodyChangesTheHash() {
        String edited = BytecodeHash.of(pipelineTaskOf(compile("Pipeline", version(PIPELINE, ORIGINAL).replace("calls++;", "calls += 2;"))));
        assertNotEquals(pipelineTask(ORIGINAL), edited);
    }

    @Test
    void editingALambdaInTheBodyChangesTheHash() {
        assertNotEquals(pipelineTask(ORIGINAL), pipelineTask(ORIGINAL.replace("LAMBDA=2", "LAMBDA=5")));
    }

    @Test
    void editingAPrivateHelperOrItsHelperChangesTheHash() {
        assertNotEquals(pipelineTask(ORIGINAL), pipelineTask(ORIGINAL.replace("DEEPER=3", "DEEPER=6")));
    }

    @Test
    void editingAnotherMethodThatShiftsTheConstantPoolLeavesTheHashAlone() {
        String strings = IntStream.range(0, 300).mapToObj(i -> "\"constant-" + i + "\"").collect(Collectors.joining(", "));
        String shifted = ORIGINAL.replace("DESCRIBE=return \"pipeline\";", "DESCRIBE=return String.join(\",\", List.of(" + strings + "));");
        assertTrue(taskBytecodeOf(compile("Pipeline", version(PIPELINE, shifted))).contains("ldc_w"),
                "the shifted pool must turn the task's ldc into ldc_w for this test to mean anything");
        assertEquals(pipelineTask(ORIGINAL), pipelineTask(shifted));
    }

    @Test
    void aLambdaAddedToAnOverloadAboveRenumbersTheTasksLambdaButLeavesTheHashAlone() {
        // javac numbers lambdas per method name: lambda$task$0 becomes lambda$task$1.
        String withOverload = ORIGINAL.replace("MOVED=",
                "MOVED=    public String task(String s) { java.util.function.Supplier<String> f = () -> s + \"!\"; return f.get(); }");
        Class<?> overloaded = compile("Pipeline", version(PIPELINE, withOverload));
        assertTrue(Arrays.stream(overloaded.getDeclaredMethods())
                        .anyMatch(m -> m.getName().equals("lambda$task$1") && m.getParameterTypes()[0] == Integer.class),
                "the task's lambda must be renumbered for this test to mean anything");
        assertEquals(pipelineTask(ORIGINAL), BytecodeHash.of(pipelineTaskOf(overloaded)));
    }

    @Test
    void editingANonPrivateMethodTheBodyCallsLeavesTheHashAlone() {
        assertEquals(pipelineTask(ORIGINAL), pipelineTask(ORIGINAL.replace("SCALE=4", "SCALE=8")));
    }

    @Test
    void movingTheMethodDownTheFileLeavesTheHashAlone() {
        assertEquals(pipelineTask(ORIGINAL), pipelineTask(ORIGINAL.replace("MOVED=", "MOVED=\n\n    // a comment\n\n")));
    }

    @Test
    void debuggingInformationDoesNotCount() {
        String source = version(PIPELINE, ORIGINAL);
        assertEquals(BytecodeHash.of(pipelineTaskOf(CompiledSource.compile(work, "Pipeline", source, "Pipeline", "-g"))),
                BytecodeHash.of(pipelineTaskOf(CompiledSource.compile(work, "Pipeline", source, "Pipeline", "-g:none"))));
    }

    @Test
    void hashesAreKeptPerMethod() {
        Method task = pipelineTaskOf(compile("Pipeline", version(PIPELINE, ORIGINAL)));
        assertSame(BytecodeHash.of(task), BytecodeHash.of(task));
    }

    @Nested
    class InterfaceDefaultMethods {

        static final String STEPS = """
                package fixtures;

                import java.util.function.IntUnaryOperator;

                public interface Steps {
                    default int other(int x) {
                        return x + OTHER;
                    }

                    default int task(int x) {
                        IntUnaryOperator twice = v -> v * LAMBDA;
                        return twice.applyAsInt(x) + helper(x);
                    }

                    private int helper(int x) {
                        return x - HELPER;
                    }
                }
                """;

        static final String ORIGINAL_STEPS = "OTHER=1 LAMBDA=2 HELPER=3";

        @Test
        void theBodyItsLambdaAndItsPrivateHelperCountButNotItsNeighbour() {
            String original = stepsTask(ORIGINAL_STEPS);
            assertEquals(original, stepsTask(ORIGINAL_STEPS));
            assertEquals(original, stepsTask(ORIGINAL_STEPS.replace("OTHER=1", "OTHER=10")));
            assertNotEquals(original, stepsTask(ORIGINAL_STEPS.replace("LAMBDA=2", "LAMBDA=20")));
            assertNotEquals(original, stepsTask(ORIGINAL_STEPS.replace("HELPER=3", "HELPER=30")));
        }

        private String stepsTask(String replacements) {
            return BytecodeHash.of(taskOf(compile("Steps", version(STEPS, replacements))));
        }
    }

    @Nested
    class NestedClasses {

        static final String OUTER = """
                package fixtures;

                public class Outer {
                    public int task(int x) {
                        return x + OUTER;
                    }

                    public static class Inner {
                        public int task(int x) {
                            return x * INNER;
                        }

                        public static class Deeper {
                            public int task(int x) {
                                return x - DEEPER;
                            }
                        }
                    }
                }
                """;

        static final String ORIGINAL_OUTER = "OUTER=1 INNER=2 DEEPER=3";

        @Test
        void aNestedClassIsReadFromItsOwnClassFile() {
            String inner = hash("Outer$Inner", ORIGINAL_OUTER);
            String deeper = hash("Outer$Inner$Deeper", ORIGINAL_OUTER);
            assertNotEquals(hash("Outer", ORIGINAL_OUTER), inner);
            assertEquals(inner, hash("Outer$Inner", ORIGINAL_OUTER.replace("OUTER=1", "OUTER=5")));
            assertNotEquals(inner, hash("Outer$Inner", ORIGINAL_OUTER.replace("INNER=2", "INNER=5")));
            assertEquals(deeper, hash("Outer$Inner$Deeper", ORIGINAL_OUTER.replace("INNER=2", "INNER=5")));
            assertNotEquals(deeper, hash("Outer$Inner$Deeper", ORIGINAL_OUTER.replace("DEEPER=3", "DEEPER=5")));
        }

        private String hash(String loadName, String replacements) {
            return BytecodeHash.of(taskOf(CompiledSource.compile(work, "Outer", version(OUTER, replacements), loadName)));
        }
    }

    @Nested
    class Refused {

        @Test
        void aClassMadeAtRunTimeHasNoClassFile() throws Exception {
            IntUnaryOperator lambda = x -> x + 1;
            Method method = lambda.getClass().getDeclaredMethod("applyAsInt", int.class);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> BytecodeHash.of(method));
            assertTrue(e.getMessage().startsWith("Cache policy TASK_SOURCE hashes the class file of a task's code, and "
                    + lambda.getClass().getName() + " has none"), e.getMessage());
        }

        @Test
        void anAbstractMethodHasNoCode() throws Exception {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> BytecodeHash.of(IntUnaryOperator.class.getMethod("applyAsInt", int.class)));
            assertTrue(e.getMessage().contains("has no code to hash: it is abstract or native"), e.getMessage());
        }
    }

    @Test
    void everyMethodOfSomeLargeJdkClassesHashes() {
        for (Class<?> type : List.of(String.class, HashMap.class, ConcurrentHashMap.class, BigDecimal.class, Pattern.class, Collectors.class, Arrays.class)) {
            for (Method method : type.getDeclaredMethods()) {
                if (!Modifier.isAbstract(method.getModifiers()) && !Modifier.isNative(method.getModifiers())) {
                    assertTrue(BytecodeHash.of(method).matches("[0-9a-f]{64}"), method::toString);
                }
            }
        }
    }

    private String pipelineTask(String replacements) {
        return BytecodeHash.of(pipelineTaskOf(compile("Pipeline", version(PIPELINE, replacements))));
    }

    private static Method pipelineTaskOf(Class<?> pipeline) {
        try {
            return pipeline.getMethod("task", List.class, int.class);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    private Class<?> compile(String className, String source) {
        return CompiledSource.compile(work, className, source);
    }

    /** The source with each {@code WORD=text} of the replacements put in place of the word; a replacement's text ends at the next space. */
    private static String version(String template, String replacements) {
        String source = template;
        for (String replacement : replacements.split(" (?=[A-Z]+=)")) {
            int equals = replacement.indexOf('=');
            source = source.replace(replacement.substring(0, equals), replacement.substring(equals + 1));
        }
        return source;
    }

    private static Method taskOf(Class<?> type) {
        return Arrays.stream(type.getDeclaredMethods()).filter(m -> m.getName().equals("task")).findFirst().orElseThrow();
    }

    /** What javap prints for the pipeline's task, to check what javac made of a fixture. */
    private static String taskBytecodeOf(Class<?> type) {
        StringWriter output = new StringWriter();
        String classes = Path.of(type.getProtectionDomain().getCodeSource().getLocation().getPath()).toString();
        ToolProvider.findFirst("javap").orElseThrow().run(new PrintWriter(output), new PrintWriter(output), "-c", "-p", "-cp", classes, type.getName());
        String text = output.toString();
        int start = text.indexOf(" task(java.util.List");
        return text.substring(start, text.indexOf("\n\n", start));
    }
}
