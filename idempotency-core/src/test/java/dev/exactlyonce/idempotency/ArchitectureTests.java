package dev.exactlyonce.idempotency;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The core stays plain Java: a gateway or client takes its key rules and header names, and the starter
 * plugs Spring, Redis and the servlet filter in around it, never the other way round.
 */
class ArchitectureTests {

    private final JavaClasses core = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("dev.exactlyonce.idempotency");

    @Test
    void coreDependsOnNoFrameworkRedisClientOrServletApi() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "io.lettuce..",
                "redis.clients..", "jakarta..", "io.micrometer..", "tools.jackson..", "com.fasterxml..")
                .check(core);
    }

    @Test
    void coreNeedsNothingButTheJdkAndSlf4j() {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.slf4j..",
                "dev.exactlyonce.idempotency")
                .check(core);
    }
}
