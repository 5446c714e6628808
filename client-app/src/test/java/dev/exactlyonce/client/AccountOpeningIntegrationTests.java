package dev.exactlyonce.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.exactlyonce.idempotency.IdempotencyHeaders;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * Opening an account through client-app (its API and the dashboard's form) against a scripted bank: every
 * attempt of one opening carries one Idempotency-Key, a lost reply is retried with it, and a replay is the
 * same account. That the real bank then opens one account is {@code e2e/}'s and the dashboard tests' part.
 */
@ClientIntegrationTest
class AccountOpeningIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Pattern FORM_KEY = Pattern.compile("name=\"idempotencyKey\"\\s+value=\"([^\"]+)\"");

    @Autowired
    ClientHttp http;

    @Test
    void retriesALostReplyWithTheCallersKeyAndAnswersWithTheOneAccount() throws Exception {
        String key = "open-" + UUID.randomUUID();
        UUID account = UUID.randomUUID();
        scriptOpenings(key, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), opened(account, "EUR", true));

        HttpResponse<String> response = http.send(open("{\"currency\":\"EUR\"}", key));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(JSON.readTree(response.body()).get("id").asString()).isEqualTo(account.toString());
        List<LoggedRequest> attempts = BankStub.requestsWithKey(key);
        assertThat(attempts).hasSize(2).allSatisfy(attempt -> {
            assertThat(attempt.getUrl()).isEqualTo("/api/v1/accounts");
            assertThat(attempt.getHeader("Authorization")).isEqualTo("Bearer alice-local-token");
            assertThat(attempt.getBodyAsString()).doesNotContain("overdraftLimit");
        });
    }

    @Test
    void answersTheSameAccountWhenTheSameKeyIsSentAgain() throws Exception {
        String key = "open-twice-" + UUID.randomUUID();
        UUID account = UUID.randomUUID();
        scriptOpenings(key, opened(account, "EUR", false), opened(account, "EUR", true));

        String first = JSON.readTree(http.send(open("{\"currency\":\"EUR\"}", key)).body()).get("id").asString();
        HttpResponse<String> again = http.send(open("{\"currency\":\"EUR\"}", key));

        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(again.body()).get("id").asString()).isEqualTo(first).isEqualTo(account.toString());
        assertThat(BankStub.requestsWithKey(key)).hasSize(2);
    }

    @Test
    void mintsOneKeyForEveryAttemptWhenTheCallerGivesNone() throws Exception {
        UUID account = UUID.randomUUID();
        script(() -> post(urlPathEqualTo("/api/v1/accounts")).withRequestBody(containing("\"JPY\"")),
                BankStub.problem(503, "unavailable", "Service Unavailable"),
                BankStub.problem(409, "idempotency-key-in-use", "In progress"), opened(account, "JPY", true));

        HttpResponse<String> response = http.send(open("{\"currency\":\"JPY\"}", null));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        List<LoggedRequest> attempts = BankStub.requestsTo("/api/v1/accounts").stream()
                .filter(request -> request.getBodyAsString().contains("\"JPY\"")).toList();
        assertThat(attempts).hasSize(3);
        String key = attempts.get(0).getHeader(IdempotencyHeaders.KEY);
        assertThat(key).isNotBlank();
        assertThat(attempts)
                .allSatisfy(attempt -> assertThat(attempt.getHeader(IdempotencyHeaders.KEY)).isEqualTo(key));
    }

    @Test
    void refusesAMalformedKeyWithoutCallingTheBank() throws Exception {
        int before = BankStub.requestsTo("/api/v1/accounts").size();

        HttpResponse<String> response = http.send(open("{\"currency\":\"EUR\"}", "has\tcontrol"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("type").asString()).isEqualTo("https://exactly-once.dev/problems/client/idempotency-key-invalid");
        assertThat(problem.get("detail").asString()).contains(IdempotencyHeaders.KEY);
        assertThat(BankStub.requestsTo("/api/v1/accounts")).hasSize(before);
    }

    @Test
    void answersKeyReusedWithoutRetryingWhenTheBankUsedTheKeyForAnotherCurrency() throws Exception {
        HttpResponse<String> response = openRefusedOnceByTheBank("USD",
                BankStub.problem(422, "idempotency-key-reused", "Idempotency-Key reused for a different request"));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(response.body()).get("type").asString())
                .isEqualTo("https://exactly-once.dev/problems/client/idempotency-key-reused");
    }

    @Test
    void passesTheBanksRefusalOfABadCurrencyOnAsA400WithoutRetrying() throws Exception {
        HttpResponse<String> response = openRefusedOnceByTheBank("XXX",
                BankStub.problem(400, "unknown-currency", "Unknown currency"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }

    @Test
    void theOpenAccountFormSendsTheKeyItWasRenderedWithOnEverySubmission() throws Exception {
        BankStub.server().stubFor(get(urlPathEqualTo("/api/v1/accounts"))
                .withHeader("Authorization", equalTo("Bearer alice-local-token")).willReturn(okJson("[]")));
        HttpResponse<String> overview = http.send(http.asAlice("/dashboard").GET());
        Matcher rendered = FORM_KEY.matcher(overview.body());
        assertThat(rendered.find()).as("the overview renders the open-account form with a key").isTrue();
        String key = rendered.group(1);
        UUID account = UUID.randomUUID();
        scriptOpenings(key, opened(account, "CHF", false), opened(account, "CHF", true));

        HttpResponse<String> first = http.send(submitForm("CHF", key));
        HttpResponse<String> second = http.send(submitForm("CHF", key));

        assertThat(List.of(first, second)).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(302);
            assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                    location -> assertThat(location).endsWith("/dashboard/accounts/" + account));
        });
        assertThat(BankStub.requestsWithKey(key)).hasSize(2);
        assertThat(FORM_KEY.matcher(http.send(http.asAlice("/dashboard").GET()).body()))
                .as("a new rendering mints a new key").satisfies(next -> {
                    assertThat(next.find()).isTrue();
                    assertThat(next.group(1)).isNotEqualTo(key);
                });
    }

    @Test
    void aFormTheBankDidNotConfirmIsRenderedAgainWithItsKeySoSendingItAgainIsSafe() throws Exception {
        BankStub.server().stubFor(get(urlPathEqualTo("/api/v1/accounts"))
                .withHeader("Authorization", equalTo("Bearer alice-local-token")).willReturn(okJson("[]")));
        String key = "open-unconfirmed-" + UUID.randomUUID();
        scriptOpenings(key, BankStub.problem(503, "unavailable", "Service Unavailable"));

        HttpResponse<String> unconfirmed = http.send(submitForm("GBP", key));

        assertThat(unconfirmed.statusCode()).isEqualTo(302);
        String location = unconfirmed.headers().firstValue("Location").orElseThrow();
        assertThat(location).contains("/dashboard?").contains("openKey=" + key).contains("openCurrency=GBP");
        String again = http.send(http.asAlice(URI.create(location).isAbsolute() ? URI.create(location)
                : http.uri(location)).GET()).body();
        Matcher rendered = FORM_KEY.matcher(again);
        assertThat(rendered.find()).isTrue();
        assertThat(rendered.group(1)).isEqualTo(key);
        assertThat(again).containsPattern("value=\"GBP\"\\s+selected");
    }

    private static ResponseDefinitionBuilder opened(UUID account, String currency, boolean replayed) {
        ResponseDefinitionBuilder response = aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withHeader("Location", "/api/v1/accounts/" + account)
                .withBody("""
                        {"id":"%s","currency":"%s","balance":0,"overdraftLimit":0,"createdAt":"2026-01-01T10:00:00Z"}"""
                        .formatted(account, currency));
        return replayed ? response.withHeader(IdempotencyHeaders.REPLAYED, "true") : response;
    }

    /**
     * Opens an account in {@code currency} through client-app against a bank that answers with
     * {@code refusal}, and checks that client-app took the refusal as final: one attempt at the bank.
     */
    private HttpResponse<String> openRefusedOnceByTheBank(String currency, ResponseDefinitionBuilder refusal)
            throws Exception {
        String key = "open-refused-" + UUID.randomUUID();
        scriptOpenings(key, refusal);

        HttpResponse<String> response = http.send(open("{\"currency\":\"" + currency + "\"}", key));

        assertThat(BankStub.requestsWithKey(key)).as("attempts at the bank").hasSize(1);
        return response;
    }

    /** The bank answers openings under {@code key} with these replies in order, then repeats the last. */
    private static void scriptOpenings(String key, ResponseDefinitionBuilder... replies) {
        script(() -> post(urlPathEqualTo("/api/v1/accounts")).withHeader(IdempotencyHeaders.KEY, equalTo(key)),
                replies);
    }

    /** The bank answers requests matching {@code request} with these replies in order, then repeats the last. */
    private static void script(Supplier<MappingBuilder> request, ResponseDefinitionBuilder... replies) {
        String scenario = "open-" + UUID.randomUUID();
        for (int i = 0; i < replies.length; i++) {
            ScenarioMappingBuilder stub = request.get().inScenario(scenario)
                    .whenScenarioStateIs(i == 0 ? STARTED : "reply-" + i).willReturn(replies[i]);
            if (i + 1 < replies.length) {
                stub = stub.willSetStateTo("reply-" + (i + 1));
            }
            BankStub.server().stubFor(stub);
        }
    }

    private HttpRequest.Builder open(String json, String key) {
        HttpRequest.Builder request = http.asAlice("/api/accounts")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        return key == null ? request : request.header(IdempotencyHeaders.KEY, key);
    }

    private HttpRequest.Builder submitForm(String currency, String key) {
        return http.asAlice("/dashboard/accounts")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("currency=" + currency + "&idempotencyKey=" + key));
    }
}
