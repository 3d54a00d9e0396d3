package dev.rivulet.assets;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The package rules of the assets module: internal packages by concept without circles, core reached through its API. */
class ArchitectureTest {

    private static final JavaClasses ASSETS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.rivulet.assets");

    @Test
    void internalPackagesImportEachOtherWithoutCircles() {
        slices().matching("dev.rivulet.assets.internal.(**)").should().beFreeOfCycles().check(ASSETS);
    }

    @Test
    void coreIsUsedThroughItsApiOnly() {
        // Core's module descriptor exports its API packages only.
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.rivulet.internal..").check(ASSETS);
    }

    @Test
    void javadocExamplesUseOnlyTheApi() {
        JavaClasses snippets = new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                .importPackages("dev.rivulet.assets.snippets");
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.rivulet.assets.internal..")
                .because("an example in the javadoc shows what users can write").check(snippets);
    }
}
