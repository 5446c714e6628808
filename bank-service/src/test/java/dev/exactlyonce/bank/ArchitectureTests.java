package dev.exactlyonce.bank;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** Keeps the bank packaged by feature, with dependencies pointing one way. */
@AnalyzeClasses(packages = "dev.exactlyonce.bank", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule featuresDoNotDependOnEachOtherInCycles =
            slices().matching("dev.exactlyonce.bank.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule featuresDoNotDependOnSystemSetUp = noClasses()
            .that().resideOutsideOfPackage("dev.exactlyonce.bank.system..")
            .should().dependOnClassesThat().resideInAPackage("dev.exactlyonce.bank.system..");

    @ArchTest
    static final ArchRule moneyAndFenceStayIndependentOfAccountsAndLedger = noClasses()
            .that().resideInAnyPackage("dev.exactlyonce.bank.money..", "dev.exactlyonce.bank.fence..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.exactlyonce.bank.account..", "dev.exactlyonce.bank.ledger..");
}
