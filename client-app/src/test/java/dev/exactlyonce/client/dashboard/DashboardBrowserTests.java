package dev.exactlyonce.client.dashboard;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import dev.exactlyonce.idempotency.IdempotencyHeaders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in a real headless Chromium against the real platform: what it shows must be what the bank
 * says, and no way of sending a form twice may move money twice.
 */
@DashboardIntegrationTest
class DashboardBrowserTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @RegisterExtension
    static final SignedInBrowser ALICE = SignedInBrowser.as("alice");

    private final BankDirect bank = BankDirect.alice();

    @Autowired
    private FormSubmissions submissions;

    @LocalServerPort
    private int port;

    @Test
    void signingInWithAWrongPasswordIsRefusedInPlainWords(@LocalServerPort int port) {
        try (Browser stranger = Browser.open("http://127.0.0.1:" + port)) {
            stranger.go("/dashboard");
            stranger.waitUntil(ExpectedConditions.urlContains("/login"));
            assertThat(stranger.find(By.cssSelector("label[for=username]")).getText()).isEqualTo("Name");
            stranger.screenshot("sign-in");
            stranger.type(By.id("username"), "alice");
            stranger.type(By.id("password"), "not-her-password");
            stranger.find(By.cssSelector("form button[type=submit]")).click();
            stranger.waitUntil(ExpectedConditions.urlContains("error"));
            assertThat(stranger.text(By.cssSelector("[role=alert]"))).contains("do not match");
            assertThat(PageChecks.unlabelledControls(stranger)).isEmpty();
            assertThat(PageChecks.lowContrastText(stranger)).isEmpty();
        }
    }

    @Test
    void showsTheBalancesTheBankReportsAndFollowsThemLive() {
        UUID euros = bank.account("EUR", 12_345);
        UUID yen = bank.account("JPY", 5_000);

        browser().go("/dashboard");
        List<JsonNode> accounts = bank.accounts();
        assertThat(accounts).hasSizeGreaterThanOrEqualTo(2);
        for (JsonNode account : accounts) {
            String id = account.get("id").asString();
            assertThat(browser().text(balanceOf(id)))
                    .as("balance of " + id)
                    .isEqualTo(Money.format(account.get("balance").asLong(), account.get("currency").asString()));
        }
        assertThat(browser().text(balanceOf(euros))).isEqualTo("€123.45");
        assertThat(browser().text(balanceOf(yen))).isEqualTo("¥5,000");
        browser().screenshot("overview");

        // Money moved by someone else, straight at the bank: the open page catches up by itself.
        bank.credit(euros, "EUR", 1_000);
        browser().waitUntil(Duration.ofSeconds(15), driver -> "€133.45".equals(browser().text(balanceOf(euros))));
        assertThat(browser().find(By.id("live-announcer")).getAttribute("textContent")).contains("is now €133.45");
        assertThat(browser().find(By.id("live-announcer")).getAttribute("aria-live")).isEqualTo("polite");
    }

    @Test
    void aDoubleClickedDebitIsAppliedOnce() {
        UUID account = bank.account("EUR", 1_000);
        String key = openForm("/dashboard/debit?account=" + account);
        browser().type(By.id("amount"), "2.50");

        new Actions(browser().driver()).doubleClick(browser().find(By.id("submit"))).perform();

        awaitResult();
        assertThat(browser().text(By.id("operation-key"))).isEqualTo(key);
        // Chromium folds a fast double-click into one navigation; the next test sends both submissions.
        assertThat(submissions.count(key)).as("form submissions that reached client-app").isBetween(1, 2);
        assertThat(bank.balance(account)).isEqualTo(750);
        assertThat(bank.debits(account)).isEqualTo(1);
        // Nothing arrives late either.
        pause(Duration.ofSeconds(2));
        assertThat(bank.debits(account)).isEqualTo(1);
        assertThat(bank.balance(account)).isEqualTo(750);
    }

    @Test
    void theSameFormSentTwiceIsAppliedOnceEvenWhenBothSubmissionsArrive() {
        UUID account = bank.account("EUR", 1_000);
        String key = openForm("/dashboard/debit?account=" + account);
        browser().type(By.id("amount"), "1.25");

        // What a double-click does when the browser lets both clicks through: two POSTs, one key.
        browser().script("""
                const form = document.getElementById('move-form');
                const body = new URLSearchParams(new FormData(form));
                return Promise.all([1, 2].map(() => fetch(form.action, { method: 'POST', body: body,
                    credentials: 'same-origin', redirect: 'manual' })));
                """);
        browser().waitUntil(driver -> submissions.count(key) == 2);

        submitOnceMoreAndAssertOneDebit(account, key, 3, 875);
    }

    @Test
    void aResubmitAfterReloadReplaysInsteadOfDebitingAgain() {
        UUID account = bank.account("EUR", 1_000);
        String key = openForm("/dashboard/debit?account=" + account);
        browser().type(By.id("amount"), "1.00");
        browser().find(By.id("submit")).click();
        awaitResult();
        assertThat(browser().findAll(By.id("resent-notice"))).isEmpty();
        assertThat(bank.balance(account)).isEqualTo(900);
        browser().screenshot("operation-result");

        // Reloading the result is a GET (POST-redirect-GET): nothing is sent again.
        browser().driver().navigate().refresh();
        awaitResult();
        assertThat(submissions.count(key)).isEqualTo(1);

        // Back to the form and reload it: same key, and the page says the form was already sent.
        browser().driver().navigate().back();
        browser().waitUntil(ExpectedConditions.presenceOfElementLocated(By.id("move-form")));
        browser().driver().navigate().refresh();
        browser().waitUntil(ExpectedConditions.presenceOfElementLocated(By.id("move-form")));
        assertThat(formKey()).as("the key after going back and reloading").isEqualTo(key);
        assertThat(browser().findAll(By.id("already-sent"))).hasSize(1);
        browser().screenshot("form-already-sent");
        browser().type(By.id("amount"), "1.00");

        submitOnceMoreAndAssertOneDebit(account, key, 2, 900);
        assertThat(browser().text(By.id("operation-key"))).isEqualTo(key);
    }

    @Test
    void theSameFormInANewTabReplaysAndRefusesDifferentDetails() {
        UUID account = bank.account("EUR", 1_000);
        String key = openForm("/dashboard/debit?account=" + account);
        String formUrl = browser().driver().getCurrentUrl();
        String firstTab = browser().driver().getWindowHandle();
        browser().driver().switchTo().newWindow(WindowType.TAB);
        try {
            browser().driver().get(formUrl);
            assertThat(formKey()).as("the form in the new tab").isEqualTo(key);
            browser().driver().switchTo().window(firstTab);
            browser().type(By.id("amount"), "3.00");
            browser().find(By.id("submit")).click();
            awaitResult();

            browser().driver().switchTo().window(otherTab(firstTab));
            browser().type(By.id("amount"), "3.00");
            browser().find(By.id("submit")).click();
            awaitResult();
            assertThat(bank.debits(account)).as("debits after the form was sent from two tabs").isEqualTo(1);
            assertThat(bank.balance(account)).isEqualTo(700);
            assertThat(browser().findAll(By.id("resent-notice"))).singleElement()
                    .satisfies(notice -> assertThat(notice.getText()).contains("nothing moved twice"));

            // The same key with another amount is not a retry: it is refused, in words.
            browser().driver().get(formUrl);
            browser().type(By.id("amount"), "4.00");
            browser().find(By.id("submit")).click();
            browser().waitUntil(ExpectedConditions.presenceOfElementLocated(By.id("problem")));
            assertThat(browser().text(By.id("problem"))).contains("already used for something else")
                    .contains("nothing was sent");
            assertThat(bank.balance(account)).isEqualTo(700);
            assertThat(bank.debits(account)).isEqualTo(1);
        } finally {
            browser().driver().close();
            browser().driver().switchTo().window(firstTab);
        }
    }

    @Test
    void mistakesAndRefusalsAreExplainedInPlainWords() {
        UUID account = bank.account("EUR", 100);
        openForm("/dashboard/debit?account=" + account);
        browser().type(By.id("amount"), "1.234");
        browser().find(By.id("submit")).click();
        browser().waitUntil(ExpectedConditions.presenceOfElementLocated(By.id("error-summary")));
        assertThat(browser().text(By.id("error-summary"))).contains("at most 2 digits after the point");
        assertThat(browser().find(By.id("amount")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser().driver().switchTo().activeElement().getAttribute("id")).isEqualTo("error-summary");
        browser().screenshot("form-mistake");

        browser().type(By.id("amount"), "5.00");
        browser().find(By.id("submit")).click();
        awaitResult();
        assertThat(browser().text(By.cssSelector("#outcome .badge"))).isEqualTo("Refused");
        assertThat(browser().text(By.id("outcome"))).contains("Not enough money in the account")
                .doesNotContain("422").doesNotContain("HTTP");
        assertThat(bank.balance(account)).isEqualTo(100);
        browser().screenshot("operation-refused");
    }

    @Test
    void aTransferShowsOnTheBalanceHistoryChart() {
        UUID from = bank.account("EUR", 5_000);
        UUID to = bank.account("EUR", 0);
        bank.credit(from, "EUR", 2_500);
        openForm("/dashboard/transfer?account=" + from + "&to=" + to);
        browser().type(By.id("amount"), "12.00");
        browser().find(By.id("submit")).click();
        awaitResult();
        assertThat(bank.balance(from)).isEqualTo(6_300);
        assertThat(bank.balance(to)).isEqualTo(1_200);

        browser().go("/dashboard/accounts/" + from);
        assertThat(browser().text(balanceOf(from))).isEqualTo("€63.00");
        WebElement chart = browser().find(By.cssSelector("svg.chart"));
        assertThat(chart.getAttribute("role")).isEqualTo("img");
        assertThat(browser().findAll(By.cssSelector("svg.chart circle.point"))).hasSize(4);
        assertThat(browser().find(By.id("chart-desc")).getAttribute("textContent"))
                .contains("from €0.00 to €63.00").contains("highest €75.00");
        assertThat(browser().findAll(By.cssSelector("#account-history tbody tr"))).hasSize(3);
        assertThat(browser().text(By.cssSelector("#account-history tbody tr:first-child"))).contains("Transfer")
                .contains("−€12.00").contains("€63.00");
        browser().screenshot("account");

        // The chart follows new operations while the page is open.
        bank.credit(from, "EUR", 700);
        browser().waitUntil(Duration.ofSeconds(15),
                driver -> browser().findAll(By.cssSelector("svg.chart circle.point")).size() == 5);
        assertThat(browser().text(balanceOf(from))).isEqualTo("€70.00");
    }

    @Test
    void theOperationLogShowsKeyAttemptsReplayAndOutcome() throws Exception {
        UUID account = bank.account("EUR", 0);
        // No page is polling the bank while the gateway is armed, so the dropped reply is the credit's.
        browser().driver().get("about:blank");
        Platform.shared().dropNextReply();
        String key = "log-" + UUID.randomUUID();
        JsonNode view = submitThroughApi(account, key, 4_200);
        assertThat(view.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(view.get("replayed").asBoolean()).isTrue();

        browser().go("/dashboard");
        By row = By.cssSelector("#operation-log tr[data-key='" + key + "']");
        assertThat(browser().find(row).getAttribute("data-replayed")).isEqualTo("true");
        WebElement logRow = browser().find(row);
        assertThat(logRow.getText()).contains(key).contains("Credit").contains("€42.00").contains("2 attempts")
                .contains("Replayed").contains("Done");
        logRow.findElement(By.tagName("summary")).click();
        List<WebElement> attempts = logRow.findElements(By.cssSelector("ol.attempts li"));
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(0).getText()).contains("no reply");
        assertThat(attempts.get(1).getText()).contains("a replay of the stored answer");
        assertThat(bank.balance(account)).isEqualTo(4_200);
        browser().screenshot("operation-log");
    }

    @Test
    void everyPageCanBeUsedWithAKeyboardAndReadOnAPhone() {
        UUID account = bank.account("EUR", 2_000);
        openForm("/dashboard/credit?account=" + account);
        // Keyboard only: the skip link comes first and shows where the focus is.
        browser().go(browser().path());
        browser().find(By.tagName("body")).sendKeys(Keys.TAB);
        WebElement focused = browser().driver().switchTo().activeElement();
        assertThat(focused.getText()).isEqualTo("Skip to main content");
        assertThat(focused.getCssValue("outline-style")).isNotEqualTo("none");
        focused.sendKeys(Keys.ENTER);
        for (int i = 0; i < 40 && !"amount".equals(browser().driver().switchTo().activeElement().getAttribute("id")); i++) {
            browser().driver().switchTo().activeElement().sendKeys(Keys.TAB);
        }
        WebElement amount = browser().driver().switchTo().activeElement();
        assertThat(amount.getAttribute("id")).isEqualTo("amount");
        amount.sendKeys("1.50", Keys.ENTER);
        awaitResult();
        assertThat(bank.balance(account)).isEqualTo(2_150);

        String[] pages = { "/dashboard", "/dashboard/debit?account=" + account, "/dashboard/transfer",
                "/dashboard/accounts/" + account, browser().path(), "/dashboard/demo" };
        String[] names = { "overview", "debit-form", "transfer-form", "account", "operation-result", "demo" };
        for (int i = 0; i < pages.length; i++) {
            browser().resize(Browser.DESKTOP);
            browser().go(pages[i]);
            assertThat(PageChecks.unlabelledControls(browser())).as("unlabelled controls on " + pages[i]).isEmpty();
            assertThat(PageChecks.lowContrastText(browser())).as("low-contrast text on " + pages[i]).isEmpty();
            assertThat(browser().findAll(By.cssSelector("main#main"))).hasSize(1);
            assertThat(browser().find(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
            browser().resize(Browser.PHONE);
            browser().go(pages[i]);
            assertThat(PageChecks.sticksOutSideways(browser())).as(pages[i] + " at phone width").isEmpty();
            browser().screenshot("phone-" + names[i]);
        }
        browser().resize(Browser.DESKTOP);
        browser().go("/dashboard/debit");
        browser().screenshot("debit-form");
    }

    private JsonNode submitThroughApi(UUID account, String key, long amount) throws IOException, InterruptedException {
        String body = "{\"type\":\"CREDIT\",\"accountId\":\"" + account + "\",\"amount\":" + amount
                + ",\"currency\":\"EUR\"}";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/operations"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("alice:alice".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .header(IdempotencyHeaders.KEY, key)
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Opens a money form and returns the key it was rendered with. */
    /**
     * Submits the open form again: it has now reached client-app {@code arrived} times under one key, the bank
     * debited once, and the result says that nothing moved twice.
     */
    private void submitOnceMoreAndAssertOneDebit(UUID account, String key, int arrived, long balance) {
        browser().find(By.id("submit")).click();

        awaitResult();
        assertThat(submissions.count(key)).isEqualTo(arrived);
        assertThat(bank.debits(account)).as("debits after %d submissions of one form", arrived).isEqualTo(1);
        assertThat(bank.balance(account)).isEqualTo(balance);
        assertThat(browser().findAll(By.id("resent-notice"))).singleElement()
                .satisfies(notice -> assertThat(notice.getText()).contains("nothing moved twice"));
    }

    private String openForm(String path) {
        browser().go(path);
        browser().waitUntil(ExpectedConditions.urlContains("key="));
        String key = formKey();
        assertThat(browser().path()).contains("key=" + key);
        assertThat(browser().text(By.id("form-key"))).isEqualTo(key);
        return key;
    }

    private static String formKey() {
        return browser().find(By.cssSelector("#move-form input[name=idempotencyKey]")).getAttribute("value");
    }

    /** Waits for the result page and for the operation to have a definite outcome. */
    private static void awaitResult() {
        browser().waitUntil(ExpectedConditions.urlContains("/dashboard/operations/"));
        browser().waitUntil(Duration.ofSeconds(30), driver -> !"Not sure yet".equals(
                driver.findElement(By.cssSelector("#outcome .badge")).getText()));
    }

    private static String otherTab(String tab) {
        WebDriver driver = browser().driver();
        return driver.getWindowHandles().stream().filter(handle -> !handle.equals(tab)).findFirst().orElseThrow();
    }

    private static By balanceOf(Object accountId) {
        return By.cssSelector("[data-balance-for='" + accountId + "']");
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private static Browser browser() {
        return ALICE.get();
    }
}
