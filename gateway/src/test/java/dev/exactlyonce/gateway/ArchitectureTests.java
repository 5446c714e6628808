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

    /** The scenario is a client of the gateway, runnable from the command line; it must not need the server. */
    @ArchTest
    static final ArchRule scenarioIsAPlainHttpClient = classes().that().resideInAPackage("..gateway.scenario..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("dev.exactlyonce.gateway.scenario..", "java..",
                    "tools.jackson..");

    @ArchTest
    static final ArchRule nothingInTheServerDependsOnTheScenario = noClasses()
            .that().resideOutsideOfPackage("..gateway.scenario..")
            .should().dependOnClassesThat().resideInAPackage("..gateway.scenario..");

    @ArchTest
    static final ArchRule onlyTheFaultModeTouchesTomcat = noClasses()
            .that().resideOutsideOfPackage("..gateway.faults..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.catalina..", "org.apache.coyote..");
}
