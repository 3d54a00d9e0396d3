package dev.rivulet.storage.s3;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The module has one transfer engine, {@code internal.transfer}: the result store and the bulk
 * client sit on it, it sits on neither, and only it writes objects or decides about retries.
 */
class ArchitectureTest {

    private static final String TRANSFER = "dev.rivulet.storage.s3.internal.transfer..";
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.rivulet.storage.s3");

    @Test
    void theEngineDependsOnNeitherOfItsUsers() {
        noClasses().that().resideInAPackage(TRANSFER)
                .should().dependOnClassesThat().resideInAPackage("dev.rivulet.storage.s3.internal.bulk..")
                .orShould().dependOnClassesThat().haveSimpleName("S3ResultStore")
                .orShould().dependOnClassesThat().haveSimpleName("S3Bulk")
                .check(CLASSES);
    }

    @Test
    void onlyTheEngineWritesObjects() {
        noClasses().that().resideOutsideOfPackage(TRANSFER)
                .should().callMethodWhere(DescribedPredicate.describe("a write or delete of an S3 object",
                        call -> call.getTarget().getOwner().isAssignableTo(S3Client.class)
                                && call.getTarget().getName().matches("putObject|uploadPart|createMultipartUpload"
                                        + "|completeMultipartUpload|abortMultipartUpload|deleteObject")))
                .as("no class outside internal.transfer writes or deletes objects itself")
                .check(CLASSES);
    }

    @Test
    void onlyTheEngineAndTheOptionsOfOtherClientsDecideAboutRetries() {
        noClasses().that().resideOutsideOfPackage(TRANSFER).and().doNotHaveSimpleName("S3ClientOptions")
                .should().dependOnClassesThat().resideInAnyPackage("software.amazon.awssdk.retries..",
                        "software.amazon.awssdk.awscore.retry..", "software.amazon.awssdk.core.retry..")
                .check(CLASSES);
    }

    @Test
    void theRangedSourcesSendEveryRequestThroughTheEngine() {
        // So that their reads are retried, resumed and reported as every other request of the module.
        noClasses().that().resideInAPackage("dev.rivulet.storage.s3.internal.ranged..")
                .should().callMethodWhere(DescribedPredicate.describe("a request of the S3 client",
                        call -> call.getTarget().getOwner().isAssignableTo(S3Client.class)))
                .as("the ranged sources send no request but through internal.transfer")
                .check(CLASSES);
    }
}
