package dev.rivulet.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The package rules of the cli module: the implementation lies below the API, and core's own implementation stays out of reach. */
class ArchitectureTest {

    private static final JavaClasses CLI = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.rivulet.cli");

    @Test
    void theImplementationDoesNotImportTheApi() {
        noClasses().that().resideInAPackage("dev.rivulet.cli.internal..")
                .should().dependOnClassesThat().resideInAPackage("dev.rivulet.cli")
                .check(CLI);
    }

    @Test
    void coreIsUsedThroughItsApiOnly() {
        // Core's module descriptor will export its API packages only.
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.rivulet.internal..").check(CLI);
    }
}
