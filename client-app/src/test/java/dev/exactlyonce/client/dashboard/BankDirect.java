package dev.exactlyonce.client.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.exactlyonce.idempotency.IdempotencyHeaders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bank-service's API called directly with a user's bearer token: how the tests set accounts up and what
 * they compare the dashboard with.
 */
final class BankDirect {

    static final String ALICE = "alice-local-token";

    /** The local profile's bank operator, who alone may set overdraft limits. */
    static final String OPERATOR = "ops-local-token";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;

    private final String token;

    BankDirect(String base, String token) {
        this.base = base;
        this.token = token;
    }

    static BankDirect alice() {
        return new BankDirect(Platform.shared().bankUrl(), ALICE);
    }

    /** Opens an account and, when {@code balance} is positive, credits it that many minor units. */
    UUID account(String currency, long balance) {
        JsonNode opened = send("POST", "/api/v1/accounts", UUID.randomUUID().toString(),
                "{\"currency\":\"" + currency + "\"}", 201);
        UUID id = UUID.fromString(opened.get("id").asString());
        if (balance > 0) {
            credit(id, currency, balance);
        }
        return id;
    }

    void credit(UUID account, String currency, long amount) {
        send("POST", "/api/v1/accounts/" + account + "/credits", UUID.randomUUID().toString(),
                "{\"amount\":" + amount + ",\"currency\":\"" + currency + "\"}", 201);
    }

    /** Sets the account's overdraft limit as the local profile's bank operator {@code ops}. */
    void setOverdraftLimitAsOperator(UUID account, long limit) {
        new BankDirect(base, OPERATOR).send("PUT", "/api/v1/accounts/" + account + "/overdraft-limit", null,
                "{\"overdraftLimit\":" + limit + "}", 200);
    }

    long balance(UUID account) {
        return send("GET", "/api/v1/accounts/" + account, null, null, 200).get("balance").asLong();
    }

    /** The user's accounts as the bank lists them. */
    List<JsonNode> accounts() {
        List<JsonNode> accounts = new ArrayList<>();
        send("GET", "/api/v1/accounts", null, null, 200).forEach(accounts::add);
        return accounts;
    }

    /** Completed debits the bank recorded on the account. */
    long debits(UUID account) {
        JsonNode page = send("GET", "/api/v1/accounts/" + account + "/operations?size=100", null, null, 200);
        long debits = 0;
        for (JsonNode operation : page.get("items")) {
            if ("DEBIT".equals(operation.get("type").asString()) && "COMPLETED".equals(operation.get("status").asString())) {
                debits++;
            }
        }
        return debits;
    }

    private JsonNode send(String method, String path, String key, String json, int expectedStatus) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
        if (key != null) {
            request.header(IdempotencyHeaders.KEY, key);
        }
        if (json != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expectedStatus);
            return JSON.readTree(response.body());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
