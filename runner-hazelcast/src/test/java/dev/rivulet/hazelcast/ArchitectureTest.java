package dev.rivulet.hazelcast;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The package rules of the Hazelcast runner: core and the command line reached through their APIs, internals below the API. */
class ArchitectureTest {

    private static final JavaClasses RUNNER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.rivulet.hazelcast");

    @Test
    void coreIsUsedThroughItsApiOnly() {
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.rivulet.internal..").check(RUNNER);
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.rivulet.cli.internal..").check(RUNNER);
    }

    @Test
    void theInternalPackageDoesNotReachBackIntoTheApi() {
        noClasses().that().resideInAPackage("dev.rivulet.hazelcast.internal..")
                .should().dependOnClassesThat().resideInAPackage("dev.rivulet.hazelcast").check(RUNNER);
    }

    @Test
    void javadocExamplesUseOnlyTheApi() {
        JavaClasses snippets = new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                .importPackages("dev.rivulet.hazelcast.snippets");
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.rivulet.hazelcast.internal..")
                .because("an example in the javadoc shows what users can write").check(snippets);
    }
}
