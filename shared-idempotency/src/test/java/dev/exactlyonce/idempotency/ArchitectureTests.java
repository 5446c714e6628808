package dev.exactlyonce.idempotency;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The core stays readable and testable without Spring, Redis, servlets or Micrometer. */
class ArchitectureTests {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.exactlyonce.idempotency");

    @Test
    void coreDependsOnNoFrameworkOrStore() {
        noClasses().that().resideInAPackage("dev.exactlyonce.idempotency")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "io.lettuce..",
                        "jakarta..", "io.micrometer..", "tools.jackson..", "com.fasterxml..")
                .check(classes);
    }

    @Test
    void coreKnowsNoneOfItsAdapters() {
        noClasses().that().resideInAPackage("dev.exactlyonce.idempotency")
                .should().dependOnClassesThat().resideInAnyPackage("dev.exactlyonce.idempotency.redis..",
                        "dev.exactlyonce.idempotency.web..", "dev.exactlyonce.idempotency.metrics..",
                        "dev.exactlyonce.idempotency.autoconfigure..")
                .check(classes);
    }

    @Test
    void adaptersDoNotDependOnEachOther() {
        noClasses().that().resideInAPackage("dev.exactlyonce.idempotency.redis..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.exactlyonce.idempotency.web..",
                        "dev.exactlyonce.idempotency.metrics..")
                .check(classes);
        noClasses().that().resideInAPackage("dev.exactlyonce.idempotency.web..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.exactlyonce.idempotency.redis..",
                        "dev.exactlyonce.idempotency.metrics..", "org.springframework.data..")
                .check(classes);
    }
}
