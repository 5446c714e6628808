package dev.exactlyonce.client.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.exactlyonce.client.ClientHttp;
import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * The overview's open-account form against the real gateway and bank: however often one rendered form
 * reaches client-app (a double-click that sent it twice at once, a resubmit later), the bank opens one
 * account, and every submission lands on that account's page.
 */
@DashboardIntegrationTest
class OpenAccountFormIntegrationTests {

    private static final Pattern FORM_KEY = Pattern.compile("name=\"idempotencyKey\"\\s+value=\"([^\"]+)\"");

    private final BankDirect bank = BankDirect.alice();

    @Autowired
    ClientHttp http;

    @Test
    void aDoubleSubmittedOpenAccountFormOpensOneAccount() throws Exception {
        String key = renderedKey();
        int before = bank.accounts().size();

        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> submit("EUR", key));
        CompletableFuture<HttpResponse<String>> second = CompletableFuture.supplyAsync(() -> submit("EUR", key));
        HttpResponse<String> resubmitted = submit("EUR", key);

        List<HttpResponse<String>> answers = List.of(first.get(), second.get(), resubmitted);
        List<JsonNode> after = bank.accounts();
        assertThat(after).as("one account for one rendered form").hasSize(before + 1);
        String opened = after.stream().map(account -> account.get("id").asString()).filter(id -> answers.get(0)
                .headers().firstValue("Location").orElse("").endsWith("/dashboard/accounts/" + id)).findFirst()
                .orElseThrow(() -> new AssertionError("the first submission did not land on a new account: "
                        + answers.get(0).headers().map()));
        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.statusCode()).isEqualTo(302);
            assertThat(answer.headers().firstValue("Location")).hasValueSatisfying(
                    location -> assertThat(location).endsWith("/dashboard/accounts/" + opened));
        });
    }

    @Test
    void eachRenderingOfTheFormOpensAnAccountOfItsOwn() throws Exception {
        int before = bank.accounts().size();

        HttpResponse<String> one = submit("USD", renderedKey());
        HttpResponse<String> other = submit("USD", renderedKey());

        assertThat(bank.accounts()).hasSize(before + 2);
        assertThat(one.headers().firstValue("Location")).isNotEqualTo(other.headers().firstValue("Location"));
    }

    private String renderedKey() throws Exception {
        HttpResponse<String> overview = http.send(http.asAlice("/dashboard").GET());
        Matcher key = FORM_KEY.matcher(overview.body());
        assertThat(key.find()).as("the overview renders the open-account form with a key").isTrue();
        return key.group(1);
    }

    private HttpResponse<String> submit(String currency, String key) {
        try {
            return http.send(http.asAlice("/dashboard/accounts")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("currency=" + currency + "&idempotencyKey=" + key)));
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }
}
