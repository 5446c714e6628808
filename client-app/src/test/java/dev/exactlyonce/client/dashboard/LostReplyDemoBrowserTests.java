package dev.exactlyonce.client.dashboard;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demonstration panel through the real gateway in fault mode: the bank applies a debit, the gateway
 * drops its reply, and the retry's key decides whether the bank debits once or twice.
 */
@DashboardIntegrationTest
class LostReplyDemoBrowserTests {

    private static Browser browser;

    @RegisterExtension
    final FailureEvidence evidence = new FailureEvidence(() -> browser);

    private final BankDirect bank = BankDirect.alice();

    @BeforeAll
    static void openBrowser(@LocalServerPort int port) {
        browser = Browser.open("http://127.0.0.1:" + port);
        browser.signIn("alice", "alice");
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void startOver() {
        browser.go("/dashboard/demo");
        List<WebElement> reset = browser.findAll(By.id("demo-reset"));
        if (!reset.isEmpty()) {
            reset.get(0).click();
            browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.id("step-1")));
        }
    }

    @Test
    void aRetryWithTheSameKeyDebitsOnce() {
        UUID account = bank.account("EUR", 1_000);
        loseTheReplyOfADebit(account, "1.00");

        browser.find(By.id("retry-same")).click();

        browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.id("verdict")));
        assertThat(browser.find(By.id("debits-applied")).getAttribute("data-count")).isEqualTo("1");
        assertThat(browser.text(By.id("verdict"))).startsWith("One debit").contains("same key");
        List<WebElement> attempts = browser.findAll(By.cssSelector("#demo-attempts tbody tr"));
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(1).getAttribute("data-replayed")).isEqualTo("true");
        assertThat(attempts.get(1).getText()).contains("same key").contains("Idempotent-Replayed: true");
        assertThat(browser.findAll(By.cssSelector("#demo-ledger tbody tr"))).hasSize(1);
        assertThat(browser.text(By.id("balance-now"))).isEqualTo("€9.00");
        assertThat(bank.balance(account)).isEqualTo(900);
        assertThat(bank.debits(account)).isEqualTo(1);
        browser.screenshot("demo-same-key");
    }

    @Test
    void aRetryWithANewKeyDebitsTwice() {
        UUID account = bank.account("EUR", 1_000);
        loseTheReplyOfADebit(account, "1.00");

        browser.find(By.id("retry-new")).click();

        browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.id("verdict")));
        assertThat(browser.find(By.id("debits-applied")).getAttribute("data-count")).isEqualTo("2");
        assertThat(browser.text(By.id("verdict"))).startsWith("2 debits").contains("new key");
        List<WebElement> attempts = browser.findAll(By.cssSelector("#demo-attempts tbody tr"));
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(1).getAttribute("data-replayed")).isEqualTo("false");
        assertThat(attempts.get(1).getText()).contains("new key");
        assertThat(browser.findAll(By.cssSelector("#demo-ledger tbody tr"))).hasSize(2);
        assertThat(browser.text(By.id("balance-now"))).isEqualTo("€8.00");
        assertThat(bank.balance(account)).isEqualTo(800);
        assertThat(bank.debits(account)).isEqualTo(2);
        browser.screenshot("demo-new-key");
    }

    /** Step 1 of the panel: the bank applies the debit and the gateway drops its reply. */
    private void loseTheReplyOfADebit(UUID account, String amount) {
        browser.go("/dashboard/demo");
        assertThat(browser.text(By.id("why"))).contains("same Idempotency-Key").contains("new key");
        browser.select(By.id("demo-account"), account.toString());
        browser.type(By.id("demo-amount"), amount);
        browser.screenshot("demo-start");
        browser.find(By.id("demo-start-button")).click();

        browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.id("first-attempt")));
        assertThat(browser.text(By.id("first-attempt"))).contains("No reply: the connection was cut before the reply");
        assertThat(bank.balance(account)).as("the bank applied the debit whose reply was lost").isEqualTo(900);
        assertThat(browser.text(By.id("balance-before"))).isEqualTo("€10.00");
        browser.screenshot("demo-reply-lost");
    }
}
