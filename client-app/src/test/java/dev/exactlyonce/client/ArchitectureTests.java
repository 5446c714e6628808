package dev.exactlyonce.client;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Keeps the features apart: the bank client knows nothing of the journal, security nothing of either. */
@AnalyzeClasses(packages = "dev.exactlyonce.client", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule featuresAreFreeOfCycles = slices().matching("dev.exactlyonce.client.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule bankClientDoesNotKnowTheJournal = noClasses().that().resideInAPackage("..client.bank..")
            .should().dependOnClassesThat().resideInAnyPackage("..client.operation..", "..client.dashboard..");

    /** The demonstration is one page on top of the dashboard; the money forms work without it. */
    @ArchTest
    static final ArchRule dashboardDoesNotKnowTheDemonstration = noClasses().that()
            .resideInAPackage("..client.dashboard").should().dependOnClassesThat()
            .resideInAPackage("..client.dashboard.demo..");

    @ArchTest
    static final ArchRule securityStandsAlone = noClasses().that().resideInAPackage("..client.security..")
            .should().dependOnClassesThat().resideInAnyPackage("..client.bank..", "..client.operation..",
                    "..client.dashboard..");

    @ArchTest
    static final ArchRule onlyTheBankClientTalksHttpToTheBank = noClasses().that()
            .resideOutsideOfPackage("..client.bank..")
            .should().dependOnClassesThat().resideInAnyPackage("feign..", "org.springframework.cloud.openfeign..");
}
