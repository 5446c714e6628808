package dev.exactlyonce.chaos.workload;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import java.util.UUID;

import dev.exactlyonce.chaos.history.Operation;
import dev.exactlyonce.chaos.history.ClientOutcome;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hands an operation to client-app, as its users do: submitted once with a key (and again with the same
 * key if client-app could not be reached), then watched in the journal until client-app knows the
 * outcome. Retrying the bank is client-app's job here: its Resilience4j retries and its resumer.
 */
final class ClientAppSender {

    private static final long POLL_MILLIS = 250;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Attempts attempts;

    private final String clientApp;

    ClientAppSender(Attempts attempts, String clientApp) {
        this.attempts = attempts;
        this.clientApp = clientApp;
    }

    void drive(TrackedOperation tracked, Random random) throws InterruptedException {
        Operation operation = tracked.operation;
        HttpRequest submit = HttpRequest.newBuilder(URI.create(clientApp + "/api/operations"))
                .timeout(Workload.ATTEMPT_TIMEOUT)
                .header("Authorization", basic(operation.client()))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", operation.idempotencyKey())
                .POST(HttpRequest.BodyPublishers.ofString(command(operation)))
                .build();
        Backoff backoff = new Backoff(random);
        String journalId = null;
        while (attempts.goOn(tracked)) {
            HttpRequest request = journalId == null ? submit
                    : HttpRequest.newBuilder(URI.create(clientApp + "/api/operations/" + journalId))
                            .timeout(Workload.ATTEMPT_TIMEOUT).header("Authorization", basic(operation.client())).build();
            if (journalId == null) {
                tracked.attempts++;
            }
            HttpResponse<byte[]> response = attempts.send(request, backoff);
            if (response == null) {
                continue;
            }
            if (response.statusCode() != 200) {
                attempts.answeredWith(response.statusCode(), false);
                backoff.pause(response.headers());
                continue;
            }
            JsonNode view = JSON.readTree(response.body());
            journalId = view.path("id").asString();
            ClientOutcome outcome = switch (view.path("status").asString()) {
                case "SUCCEEDED" -> ClientOutcome.APPLIED;
                case "REJECTED" -> ClientOutcome.REJECTED;
                default -> null;
            };
            if (request == submit) {
                attempts.answeredWith(200, outcome != null);
            }
            if (outcome == null) {
                Thread.sleep(POLL_MILLIS);
                continue;
            }
            JsonNode bankId = view.path("bankOperationId");
            attempts.settle(tracked, outcome, bankId.isString() ? UUID.fromString(bankId.asString()) : null);
        }
    }

    private static String command(Operation operation) {
        return "{\"type\":\"" + operation.kind() + "\",\"accountId\":\"" + operation.accountId() + "\","
                + (operation.toAccountId() == null ? "" : "\"toAccountId\":\"" + operation.toAccountId() + "\",")
                + "\"amount\":" + operation.amount() + ",\"currency\":\"" + operation.currency()
                + "\",\"description\":\"" + operation.description() + "\"}";
    }

    /** client-app users sign in with HTTP Basic; the chaos users' passwords are their names. */
    static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }
}
