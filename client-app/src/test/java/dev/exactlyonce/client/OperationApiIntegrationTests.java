package dev.exactlyonce.client;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import dev.exactlyonce.idempotency.IdempotencyHeaders;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;

/** The REST API and actuator over real HTTP, authenticated as the configured users. */
@ClientIntegrationTest
class OperationApiIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    ClientHttp http;

    private final UUID account = UUID.randomUUID();

    @Test
    void submitsUnderTheHeaderKeyAndListsTheOperationWithItsAttempts() throws Exception {
        stubDebits();
        String key = "api-" + UUID.randomUUID();

        HttpResponse<String> submitted = http.send(postAs("/api/operations", "alice", "alice", debit(1_000), key));

        assertThat(submitted.statusCode()).isEqualTo(200);
        JsonNode view = JSON.readTree(submitted.body());
        assertThat(view.get("idempotencyKey").asString()).isEqualTo(key);
        assertThat(view.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(view.get("attempts").get(0).get("httpStatus").asInt()).isEqualTo(201);
        assertThat(BankStub.requestsTo("/api/v1/accounts/" + account + "/debits")).hasSize(1);

        HttpResponse<String> again = http.send(postAs("/api/operations", "alice", "alice", debit(1_000), key));
        assertThat(JSON.readTree(again.body()).get("id").asString()).isEqualTo(view.get("id").asString());
        assertThat(BankStub.requestsTo("/api/v1/accounts/" + account + "/debits")).hasSize(1);

        JsonNode listed = JSON.readTree(http.send(getAs("/api/operations", "alice", "alice")).body());
        assertThat(listed.valueStream().map(node -> node.get("idempotencyKey").asString())).contains(key);
        JsonNode bobs = JSON.readTree(http.send(getAs("/api/operations", "bob", "bob")).body());
        assertThat(bobs.valueStream().map(node -> node.get("idempotencyKey").asString())).doesNotContain(key);
    }

    @Test
    void refusesAFractionalAmountWithoutJournalingIt() throws Exception {
        String body = """
                {"type":"DEBIT","accountId":"%s","amount":10.5,"currency":"EUR"}""".formatted(account);

        HttpResponse<String> response = http.send(postAs("/api/operations", "alice", "alice", body, "fraction-" + account));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(BankStub.requestsTo("/api/v1/accounts/" + account + "/debits")).isEmpty();
    }

    @Test
    void refusesAKeyUsedForADifferentOperation() throws Exception {
        stubDebits();
        String key = "api-reused-" + UUID.randomUUID();
        http.send(postAs("/api/operations", "alice", "alice", debit(1_000), key));

        HttpResponse<String> response = http.send(postAs("/api/operations", "alice", "alice", debit(2_000), key));

        assertThat(response.statusCode()).isEqualTo(422);
    }

    @Test
    void requiresAKnownUser() throws Exception {
        assertThat(http.send(HttpRequest.newBuilder(http.uri("/api/operations")).GET()).statusCode()).isEqualTo(401);
        assertThat(http.send(getAs("/api/operations", "alice", "wrong")).statusCode()).isEqualTo(401);
    }

    @Test
    void readsTheUsersAccountsWithTheUsersBankToken() throws Exception {
        BankStub.server().stubFor(get(urlPathEqualTo("/api/v1/accounts"))
                .withHeader("Authorization", equalTo("Bearer bob-local-token"))
                .willReturn(okJson("""
                        [{"id":"%s","currency":"EUR","balance":4200,"overdraftLimit":0,"createdAt":"2026-01-01T00:00:00Z"}]"""
                        .formatted(account))));

        HttpResponse<String> response = http.send(getAs("/api/accounts", "bob", "bob"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode accounts = JSON.readTree(response.body());
        assertThat(accounts.get(0).get("id").asString()).isEqualTo(account.toString());
        assertThat(accounts.get(0).get("balance").asLong()).isEqualTo(4200);
        BankStub.server().verify(getRequestedFor(urlPathEqualTo("/api/v1/accounts"))
                .withHeader("Authorization", equalTo("Bearer bob-local-token")));
    }

    @Test
    void answersBankUnavailableWhenTheBankCannotBeRead() throws Exception {
        BankStub.server().stubFor(get(urlPathEqualTo("/api/v1/accounts/" + account + "/operations"))
                .willReturn(BankStub.problem(503, "unavailable", "Service Unavailable")));

        HttpResponse<String> response = http.send(getAs("/api/accounts/" + account + "/operations", "alice", "alice"));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(response.body()).get("title").asString()).isEqualTo("Bank unavailable");
        assertThat(BankStub.requestsTo("/api/v1/accounts/" + account + "/operations")).as("bankReads attempts").hasSize(2);
    }

    @Test
    void exposesHealthCircuitBreakersAndRetriesThroughActuator() throws Exception {
        assertThat(http.send(HttpRequest.newBuilder(http.uri("/actuator/health")).GET()).statusCode()).isEqualTo(200);

        JsonNode health = JSON.readTree(http.send(getAs("/actuator/health", "alice", "alice")).body());
        assertThat(health.get("components").get("circuitBreakers").get("details").has("bank")).isTrue();

        JsonNode breakers = JSON.readTree(http.send(getAs("/actuator/circuitbreakers", "alice", "alice")).body());
        assertThat(breakers.get("circuitBreakers").get("bank").get("state").asString()).isEqualTo("CLOSED");

        JsonNode retries = JSON.readTree(http.send(getAs("/actuator/retries", "alice", "alice")).body());
        assertThat(retries.get("retries").valueStream().map(JsonNode::asString)).contains("bankWrites", "bankReads");
    }

    private void stubDebits() {
        BankStub.server().stubFor(post(urlPathEqualTo("/api/v1/accounts/" + account + "/debits"))
                .willReturn(BankStub.created(UUID.randomUUID(), account, 1_000, false)));
    }

    private String debit(long amount) {
        return """
                {"type":"DEBIT","accountId":"%s","amount":%d,"currency":"EUR","description":"api test"}"""
                .formatted(account, amount);
    }

    private HttpRequest.Builder postAs(String path, String user, String password, String json, String key) {
        return http.as(user, password, path)
                .header("Content-Type", "application/json")
                .header(IdempotencyHeaders.KEY, key)
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private HttpRequest.Builder getAs(String path, String user, String password) {
        return http.as(user, password, path).GET();
    }
}
