package dev.rivulet.report;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The package rules of the report module: the implementation lies below the API, and core's own implementation stays out of reach. */
class ArchitectureTest {

    private static final JavaClasses REPORT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.rivulet.report");

    @Test
    void theImplementationDoesNotImportTheApi() {
        noClasses().that().resideInAPackage("dev.rivulet.report.internal..")
                .should().dependOnClassesThat().resideInAPackage("dev.rivulet.report")
                .check(REPORT);
    }

    @Test
    void coreIsUsedThroughItsApiOnly() {
        // Core's module descriptor exports its API packages only.
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.rivulet.internal..").check(REPORT);
    }
}
