package dev.exactlyonce.chaos.workload;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.exactlyonce.chaos.topology.Topology;
import tools.jackson.databind.json.JsonMapper;

/**
 * The accounts of the workload, opened through the gateway before any fault: per client two EUR accounts
 * and one USD account; the first EUR account gets an overdraft limit from the operator, so that the
 * checker also sees balances that may (and may only) go below zero that far.
 */
final class AccountBook {

    static final long OVERDRAFT_LIMIT = 5_000;

    /** One account. */
    record Account(String client, UUID id, String currency) {
    }

    private final Map<String, List<Account>> byClient = new LinkedHashMap<>();

    private final List<Account> euro = new ArrayList<>();

    List<Account> of(String client) {
        return byClient.get(client);
    }

    List<Account> all() {
        return byClient.values().stream().flatMap(List::stream).toList();
    }

    /** Every EUR account of every client: the destinations of transfers. */
    List<Account> euro() {
        return euro;
    }

    static AccountBook open(HttpClient http, String gateway, long seed) throws IOException, InterruptedException {
        AccountBook book = new AccountBook();
        JsonMapper json = JsonMapper.builder().build();
        for (String client : Topology.CLIENTS) {
            List<Account> accounts = new ArrayList<>();
            for (String currency : List.of("EUR", "EUR", "USD")) {
                String key = "chaos-" + seed + "-open-" + client + "-" + accounts.size();
                HttpResponse<byte[]> response = send(http, HttpRequest.newBuilder(URI.create(gateway + "/api/v1/accounts"))
                        .header("Authorization", "Bearer " + Topology.token(client))
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", key)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"currency\":\"" + currency + "\"}")), 201);
                Account account = new Account(client, UUID.fromString(json.readTree(response.body()).path("id").asString()),
                        currency);
                accounts.add(account);
                if (currency.equals("EUR")) {
                    book.euro.add(account);
                }
            }
            send(http, HttpRequest.newBuilder(URI.create(gateway + "/api/v1/accounts/" + accounts.get(0).id() + "/overdraft-limit"))
                    .header("Authorization", "Bearer " + Topology.OPERATOR_TOKEN)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"overdraftLimit\":" + OVERDRAFT_LIMIT + "}")), 200);
            book.byClient.put(client, accounts);
        }
        return book;
    }

    /** Set-up runs before any fault, yet a freshly started platform may still answer 503 for a moment. */
    private static HttpResponse<byte[]> send(HttpClient http, HttpRequest.Builder request, int expected)
            throws IOException, InterruptedException {
        HttpRequest built = request.timeout(Duration.ofSeconds(10)).build();
        HttpResponse<byte[]> response = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            response = http.send(built, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == expected) {
                return response;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(built.method() + " " + built.uri() + " answered " + response.statusCode() + ": "
                + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
    }
}
