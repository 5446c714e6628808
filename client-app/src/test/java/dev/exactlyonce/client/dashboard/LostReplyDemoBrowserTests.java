package dev.exactlyonce.client.dashboard;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demonstration panel through the real gateway in fault mode: the bank applies a debit, the gateway
 * drops its reply, and the retry's key decides whether the bank debits once or twice.
 */
@DashboardIntegrationTest
class LostReplyDemoBrowserTests {

    @RegisterExtension
    static final SignedInBrowser ALICE = SignedInBrowser.as("alice");

    private final BankDirect bank = BankDirect.alice();

    @BeforeEach
    void startOver() {
        browser().go("/dashboard/demo");
        List<WebElement> reset = browser().findAll(By.id("demo-reset"));
        if (!reset.isEmpty()) {
            reset.get(0).click();
            browser().waitUntil(ExpectedConditions.presenceOfElementLocated(By.id("step-1")));
        }
    }

    /**
     * Step 2 after a lost reply: the same key gets the bank's stored answer and no new debit, a new key is a
     * new debit.
     */
    @ParameterizedTest(name = "{0}: {5} debit(s)")
    @CsvSource({
            "retry-same, One debit, same key, true, 'Idempotent-Replayed: true', 1, €9.00, 900, demo-same-key",
            "retry-new, 2 debits, new key, false, 'the bank debited €1.00', 2, €8.00, 800, demo-new-key" })
    void theRetrysKeyDecidesHowOftenTheBankDebits(String button, String verdict, String key, boolean replayed,
            String answer, int debits, String balanceText, long balance, String screenshot) {
        UUID account = bank.account("EUR", 1_000);
        loseTheReplyOfADebit(account, "1.00");

        WebElement retry = retry(button);

        assertThat(browser().text(By.id("verdict"))).startsWith(verdict).contains(key);
        assertThat(retry.getAttribute("data-replayed")).isEqualTo(String.valueOf(replayed));
        assertThat(retry.getText()).contains(key).contains(answer);
        assertDebits(account, debits, balanceText, balance);
        browser().screenshot(screenshot);
    }

    /** Step 2: one retry with the button's key; returns the retry's row in the attempts table. */
    private static WebElement retry(String button) {
        browser().find(By.id(button)).click();
        browser().waitUntil(ExpectedConditions.presenceOfElementLocated(By.id("verdict")));
        List<WebElement> attempts = browser().findAll(By.cssSelector("#demo-attempts tbody tr"));
        assertThat(attempts).hasSize(2);
        return attempts.get(1);
    }

    /** What the panel and the bank's own records say the demonstration did to the account. */
    private void assertDebits(UUID account, int debits, String balanceText, long balance) {
        assertThat(browser().find(By.id("debits-applied")).getAttribute("data-count")).isEqualTo(String.valueOf(debits));
        assertThat(browser().findAll(By.cssSelector("#demo-ledger tbody tr"))).hasSize(debits);
        assertThat(browser().text(By.id("balance-now"))).isEqualTo(balanceText);
        assertThat(bank.balance(account)).isEqualTo(balance);
        assertThat(bank.debits(account)).isEqualTo(debits);
    }

    /** Step 1 of the panel: the bank applies the debit and the gateway drops its reply. */
    private void loseTheReplyOfADebit(UUID account, String amount) {
        browser().go("/dashboard/demo");
        assertThat(browser().text(By.id("why"))).contains("same Idempotency-Key").contains("new key");
        browser().select(By.id("demo-account"), account.toString());
        browser().type(By.id("demo-amount"), amount);
        browser().screenshot("demo-start");
        browser().find(By.id("demo-start-button")).click();

        browser().waitUntil(ExpectedConditions.presenceOfElementLocated(By.id("first-attempt")));
        assertThat(browser().text(By.id("first-attempt"))).contains("No reply: the connection was cut before the reply");
        assertThat(bank.balance(account)).as("the bank applied the debit whose reply was lost").isEqualTo(900);
        assertThat(browser().text(By.id("balance-before"))).isEqualTo("€10.00");
        browser().screenshot("demo-reply-lost");
    }

    private static Browser browser() {
        return ALICE.get();
    }
}
