package dev.rivulet;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The package rules of core, checked on its compiled classes (the generated ones included): internal
 * packages import only the ones below them (the map is in docs/architecture.md) and never in
 * circles, and no internal type appears in what the API shows its users.
 */
class ArchitectureTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.rivulet");

    /** Each package under {@code dev.rivulet.internal}, the top one included, is one slice. */
    private static final SliceAssignment INTERNAL_PACKAGES = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String name = javaClass.getPackageName();
            return isInternal(name) ? SliceIdentifier.of(name) : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "the internal packages";
        }
    };

    private static boolean isInternal(String packageName) {
        return packageName.equals("dev.rivulet.internal") || packageName.startsWith("dev.rivulet.internal.");
    }

    @Test
    void internalPackagesImportEachOtherWithoutCircles() {
        slices().assignedFrom(INTERNAL_PACKAGES).should().beFreeOfCycles().check(CORE);
    }

    @Test
    void internalPackagesImportOnlyThePackagesBelowThem() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("api").definedBy("dev.rivulet", "dev.rivulet.function", "dev.rivulet.runner", "dev.rivulet.result",
                        "dev.rivulet.testing", "dev.rivulet.io", "dev.rivulet.secret",
                        "dev.rivulet.param", "dev.rivulet.history")
                .layer("stub").definedBy("dev.rivulet.internal.stub")
                .layer("run").definedBy("dev.rivulet.internal.run")
                .layer("attempt").definedBy("dev.rivulet.internal.attempt")
                .layer("call").definedBy("dev.rivulet.internal.call")
                .layer("model").definedBy("dev.rivulet.internal.model")
                .layer("graph").definedBy("dev.rivulet.internal.graph")
                .layer("result").definedBy("dev.rivulet.internal.result", "dev.rivulet.internal.cache")
                .layer("option").definedBy("dev.rivulet.internal.option")
                .layer("structure").definedBy("dev.rivulet.internal.structure")
                .layer("access").definedBy("dev.rivulet.internal.access")
                .layer("param").definedBy("dev.rivulet.internal.param")
                .layer("io").definedBy("dev.rivulet.internal.io")
                .layer("history").definedBy("dev.rivulet.internal.history")
                .layer("remote").definedBy("dev.rivulet.internal.remote")
                .whereLayer("stub").mayOnlyBeAccessedByLayers("api")
                .whereLayer("run").mayOnlyBeAccessedByLayers("api", "stub")
                // The history reads the MDC keys of run ids from it, to tell whose log lines are whose.
                .whereLayer("attempt").mayOnlyBeAccessedByLayers("run", "history", "remote")
                .whereLayer("call").mayOnlyBeAccessedByLayers("api", "stub", "run")
                .whereLayer("model").mayOnlyBeAccessedByLayers("api", "stub", "run", "call", "remote")
                .whereLayer("graph").mayOnlyBeAccessedByLayers("api", "stub", "run", "call", "model")
                // A dependent's argument a store holds is a stand-in of it until read.
                .whereLayer("result").mayOnlyBeAccessedByLayers("api", "stub", "run", "attempt", "call", "model", "graph", "remote")
                // Task calls sent to other JVMs: encoded by runs, carried out by a Rivulet's receiver.
                .whereLayer("remote").mayOnlyBeAccessedByLayers("api", "run")
                // Both walks into arguments read values through it: introspection and cache-key hashing.
                .whereLayer("structure").mayOnlyBeAccessedByLayers("graph", "result")
                .whereLayer("access").mayNotAccessAnyLayer()
                // Text to typed values for flow parameters, for the API's FlowParameters alone.
                .whereLayer("param").mayOnlyBeAccessedByLayers("api")
                // The ranged sources stand apart from runs: only dev.rivulet.io opens them, and they use only the API.
                .whereLayer("io").mayOnlyBeAccessedByLayers("api")
                .whereLayer("io").mayOnlyAccessLayers("api")
                // Run records are made from what the API shows of runs: the history knows no run internals.
                .whereLayer("history").mayOnlyBeAccessedByLayers("api", "run")
                .whereLayer("history").mayOnlyAccessLayers("api", "attempt")
                .check(CORE);
    }

    @Test
    void coreLeavesTheCommandLineToTheCliModule() {
        // picocli is rivulet-cli's: a user of core alone does not get it on the class path.
        ArchRuleDefinition.noClasses().should().dependOnClassesThat().resideInAPackage("picocli..").check(CORE);
    }

    @Test
    void noInternalTypeIsPartOfThePublicApi() {
        ArchRuleDefinition.classes()
                .that(new DescribedPredicate<JavaClass>("are public API, or hand their public members to public API") {
                    @Override
                    public boolean test(JavaClass c) {
                        // A package-private superclass, such as the generated TasksOverloads, passes its
                        // public methods on to the public class that extends it.
                        return !isInternal(c.getPackageName()) && (isPublic(c) || c.getSubclasses().stream().anyMatch(s -> isPublic(s)));
                    }
                })
                .should(new ArchCondition<JavaClass>("show no internal type in a public or protected signature") {
                    @Override
                    public void check(JavaClass c, ConditionEvents events) {
                        List<String> shown = new ArrayList<>();
                        c.getRawSuperclass().filter(s -> isInternal(s.getPackageName())).ifPresent(s -> shown.add("extends " + s.getName()));
                        c.getRawInterfaces().stream().filter(i -> isInternal(i.getPackageName())).forEach(i -> shown.add("implements " + i.getName()));
                        for (JavaField field : c.getFields()) {
                            if (visible(field.getModifiers()) && isInternal(field.getRawType().getPackageName())) {
                                shown.add("field " + field.getName());
                            }
                        }
                        for (JavaCodeUnit unit : c.getCodeUnits()) {
                            if (!visible(unit.getModifiers())) {
                                continue;
                            }
                            if (isInternal(unit.getRawReturnType().getPackageName())) {
                                shown.add(unit.getFullName() + " returns " + unit.getRawReturnType().getName());
                            }
                            unit.getRawParameterTypes().stream().filter(p -> isInternal(p.getPackageName()))
                                    .forEach(p -> shown.add(unit.getFullName() + " takes " + p.getName()));
                        }
                        for (String s : shown) {
                            events.add(SimpleConditionEvent.violated(c, c.getName() + ": " + s));
                        }
                    }
                })
                .check(CORE);
    }

    /**
     * The javadoc's examples are regions of the tests in {@code dev.rivulet.snippets}: what they
     * show users must work from the API alone.
     */
    @Test
    void javadocExamplesUseOnlyTheApi() {
        JavaClasses snippets = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                .importPackages("dev.rivulet.snippets");
        ArchRuleDefinition.noClasses().should().dependOnClassesThat().resideInAPackage("dev.rivulet.internal..")
                .because("an example in the javadoc shows what users can write")
                .check(snippets);
    }

    private static boolean isPublic(JavaClass c) {
        return c.getModifiers().contains(JavaModifier.PUBLIC);
    }

    private static boolean visible(java.util.Set<JavaModifier> modifiers) {
        return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
    }
}
