package dev.exactlyonce.chaos.workload;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.UUID;

import dev.exactlyonce.chaos.history.Operation;
import dev.exactlyonce.chaos.history.OperationKind;
import dev.exactlyonce.chaos.history.ClientOutcome;
import dev.exactlyonce.chaos.topology.Topology;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends an operation straight to the gateway, as a bank API client would: the same key and the same body
 * on every attempt, until a definite answer (201, or a stored refusal as 422).
 */
final class GatewaySender {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Attempts attempts;

    private final String gateway;

    GatewaySender(Attempts attempts, String gateway) {
        this.attempts = attempts;
        this.gateway = gateway;
    }

    /** Drives the operation to a definite answer, or leaves it in doubt once the resolution deadline passes. */
    void drive(TrackedOperation tracked, Random random) throws InterruptedException {
        HttpRequest request = request(tracked.operation);
        Backoff backoff = new Backoff(random);
        while (attempts.goOn(tracked)) {
            tracked.attempts++;
            HttpResponse<byte[]> response = attempts.send(request, backoff);
            if (response == null) {
                continue;
            }
            ClientOutcome outcome = definiteOutcome(response);
            attempts.answeredWith(response.statusCode(), outcome != null);
            if (outcome == null) {
                backoff.pause(response.headers());
                continue;
            }
            tracked.firstStatus = response.statusCode();
            tracked.firstBody = response.body();
            attempts.settle(tracked, outcome, outcome == ClientOutcome.APPLIED ? operationId(response.body()) : null);
        }
    }

    /** The request of an operation, the same bytes on every attempt. */
    HttpRequest request(Operation operation) {
        String path;
        String body;
        switch (operation.kind()) {
            case CREDIT, DEBIT -> {
                path = "/api/v1/accounts/" + operation.accountId()
                        + (operation.kind() == OperationKind.CREDIT ? "/credits" : "/debits");
                body = "{\"amount\":" + operation.amount() + ",\"currency\":\"" + operation.currency()
                        + "\",\"description\":\"" + operation.description() + "\"}";
            }
            case TRANSFER -> {
                path = "/api/v1/transfers";
                body = "{\"fromAccountId\":\"" + operation.accountId() + "\",\"toAccountId\":\"" + operation.toAccountId()
                        + "\",\"amount\":" + operation.amount() + ",\"currency\":\"" + operation.currency()
                        + "\",\"description\":\"" + operation.description() + "\"}";
            }
            default -> throw new IllegalArgumentException(operation.kind().toString());
        }
        return HttpRequest.newBuilder(URI.create(gateway + path))
                .timeout(Workload.ATTEMPT_TIMEOUT)
                .header("Authorization", "Bearer " + Topology.token(operation.client()))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", operation.idempotencyKey())
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /** 201 is applied; 422 for want of funds (or a balance cap) is a stored refusal; anything else is retried. */
    private static ClientOutcome definiteOutcome(HttpResponse<byte[]> response) {
        if (response.statusCode() == 201) {
            return ClientOutcome.APPLIED;
        }
        if (response.statusCode() == 422) {
            String type = JSON.readTree(response.body()).path("type").asString("");
            if (type.endsWith("/insufficient-funds") || type.endsWith("/balance-limit-exceeded")) {
                return ClientOutcome.REJECTED;
            }
            System.err.println("Unexpected 422 for " + response.request().uri() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return null;
    }

    private static UUID operationId(byte[] body) {
        JsonNode id = JSON.readTree(body).path("operationId");
        return id.isMissingNode() ? null : UUID.fromString(id.asString());
    }
}
