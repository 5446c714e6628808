package dev.exactlyonce.client.dashboard;

import java.time.Duration;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard in a real headless Chromium against the real platform. */
@DashboardIntegrationTest
class DashboardBrowserTests {

    private static Browser browser;

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

    @Test
    void showsTheBalancesTheBankReportsAndFollowsThemLive() {
        UUID euros = bank.account("EUR", 12_345);
        UUID yen = bank.account("JPY", 5_000);

        browser.go("/dashboard");
        for (JsonNode account : bank.accounts()) {
            String id = account.get("id").asString();
            assertThat(browser.text(By.cssSelector("[data-balance-for='" + id + "']")))
                    .isEqualTo(Money.format(account.get("balance").asLong(), account.get("currency").asString()));
        }
        assertThat(browser.text(By.cssSelector("[data-balance-for='" + euros + "']"))).isEqualTo("€123.45");
        assertThat(browser.text(By.cssSelector("[data-balance-for='" + yen + "']"))).isEqualTo("¥5,000");
        browser.screenshot("overview");

        bank.credit(euros, "EUR", 1_000);
        browser.waitUntil(Duration.ofSeconds(15), driver -> "€133.45".equals(
                browser.text(By.cssSelector("[data-balance-for='" + euros + "']"))));
        assertThat(browser.find(By.id("live-announcer")).getAttribute("textContent")).contains("is now €133.45");
    }
}
