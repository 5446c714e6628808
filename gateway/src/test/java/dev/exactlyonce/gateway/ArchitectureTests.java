package dev.exactlyonce.gateway;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

@AnalyzeClasses(packages = "dev.exactlyonce.gateway", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule featuresDoNotDependOnEachOtherInCircles = slices()
            .matching("dev.exactlyonce.gateway.(*)..").should().beFreeOfCycles();

    /**
     * The scenario is a client of the gateway, runnable from the command line; it must not need the server.
     * It speaks the Idempotency-Key protocol by the core's header names.
     */
    @ArchTest
    static final ArchRule scenarioIsAPlainHttpClient = classes().that().resideInAPackage("..gateway.scenario..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("dev.exactlyonce.gateway.scenario..", "java..",
                    "tools.jackson..", "dev.exactlyonce.idempotency");

    /**
     * The gateway shares the Idempotency-Key's rules with bank-service through the plain-Java core, never
     * through the starter: a gateway holds no idempotency records and runs no idempotency filter.
     */
    @ArchTest
    static final ArchRule idempotencyRulesComeFromTheCoreOnly = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("dev.exactlyonce.idempotency.web..",
                    "dev.exactlyonce.idempotency.autoconfigure..", "dev.exactlyonce.idempotency.redis..",
                    "dev.exactlyonce.idempotency.metrics..");

    @ArchTest
    static final ArchRule nothingInTheServerDependsOnTheScenario = noClasses()
            .that().resideOutsideOfPackage("..gateway.scenario..")
            .should().dependOnClassesThat().resideInAPackage("..gateway.scenario..");

    @ArchTest
    static final ArchRule onlyTheFaultModeTouchesTomcat = noClasses()
            .that().resideOutsideOfPackage("..gateway.faults..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.catalina..", "org.apache.coyote..");
}
