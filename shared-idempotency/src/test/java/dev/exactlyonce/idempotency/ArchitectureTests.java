package dev.exactlyonce.idempotency;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The starter's adapters plug into the core (idempotency-core, which keeps its own rule) and not into
 * each other: Redis knows nothing of the filter, the filter nothing of Redis or Micrometer.
 */
class ArchitectureTests {

    private final JavaClasses adapters = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.exactlyonce.idempotency.redis", "dev.exactlyonce.idempotency.web",
                    "dev.exactlyonce.idempotency.metrics", "dev.exactlyonce.idempotency.autoconfigure");

    @Test
    void adaptersDoNotDependOnEachOther() {
        noClasses().that().resideInAPackage("dev.exactlyonce.idempotency.redis..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.exactlyonce.idempotency.web..",
                        "dev.exactlyonce.idempotency.metrics..")
                .check(adapters);
        noClasses().that().resideInAPackage("dev.exactlyonce.idempotency.web..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.exactlyonce.idempotency.redis..",
                        "dev.exactlyonce.idempotency.metrics..", "org.springframework.data..")
                .check(adapters);
    }
}
