package dev.exactlyonce.client.dashboard.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.exactlyonce.client.dashboard.ConnectionProblems;
import dev.exactlyonce.client.dashboard.DashboardProperties;
import dev.exactlyonce.idempotency.IdempotencyHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The lost-reply demonstration's line to the gateway: its fault-mode controls, and single debit attempts.
 *
 * <p>The single attempts deliberately bypass client-app's journal and retries. The demonstration plays a
 * client with no memory of its own, so that the person watching decides how to retry; every form of the
 * dashboard goes through the journal, which retries by itself and always with the same key.
 */
@Component
class GatewayLink {

    private static final Logger log = LoggerFactory.getLogger(GatewayLink.class);

    private final RestClient gateway;

    private final JsonMapper json;

    GatewayLink(DashboardProperties properties, @Value("${client.bank-url}") URI bankUrl, JsonMapper json) {
        URI base = properties.gatewayUrl() != null ? properties.gatewayUrl() : bankUrl;
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(properties.demoReadTimeout());
        this.gateway = RestClient.builder().baseUrl(base.toString()).requestFactory(requests).build();
        this.json = json;
    }

    /** Replies the gateway will still drop; empty when its fault mode is off or it cannot be reached. */
    OptionalInt pendingDrops() {
        try {
            return gateway.get().uri("/gateway/faults").accept(MediaType.APPLICATION_JSON)
                    .exchange((request, response) -> {
                        if (!response.getStatusCode().is2xxSuccessful()) {
                            return OptionalInt.empty();
                        }
                        JsonNode body = json.readTree(response.getBody());
                        return body.has("pendingDrops") ? OptionalInt.of(body.get("pendingDrops").asInt())
                                : OptionalInt.empty();
                    });
        } catch (RuntimeException ex) {
            log.debug("Gateway fault mode not reachable", ex);
            return OptionalInt.empty();
        }
    }

    /** Makes the gateway drop the reply of the next call that succeeds upstream; false if it refused. */
    boolean dropNextReply() {
        try {
            return gateway.post().uri("/gateway/faults/drop-replies").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("count", 1))
                    .exchange((request, response) -> response.getStatusCode().is2xxSuccessful());
        } catch (RestClientException ex) {
            log.warn("Could not arm the gateway's fault mode", ex);
            return false;
        }
    }

    /** Cancels drops still pending, so a demonstration that went wrong leaves nothing armed behind. */
    void cancelDrops() {
        try {
            gateway.post().uri("/gateway/faults/drop-replies").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("count", 0)).retrieve().toBodilessEntity();
        } catch (RestClientException ex) {
            log.warn("Could not cancel the gateway's pending drops", ex);
        }
    }

    /**
     * Exactly one debit attempt, no retry.
     *
     * @param authorization the user's bank credentials
     */
    Reply debitOnce(String authorization, String key, UUID accountId, long amount, String currency) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("amount", amount);
        body.put("currency", currency);
        body.put("description", "Lost-reply demonstration");
        try {
            return gateway.post().uri("/api/v1/accounts/{id}/debits", accountId)
                    .header(HttpHeaders.AUTHORIZATION, authorization)
                    .header(IdempotencyHeaders.KEY, key)
                    .contentType(MediaType.APPLICATION_JSON)
                    .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON)
                    .body(body)
                    .exchange((request, response) -> {
                        int status = response.getStatusCode().value();
                        boolean replayed = "true".equalsIgnoreCase(
                                response.getHeaders().getFirst(IdempotencyHeaders.REPLAYED));
                        JsonNode answer = null;
                        try {
                            answer = json.readTree(response.getBody());
                        } catch (RuntimeException | IOException unreadable) {
                            // The status says enough.
                        }
                        return new Reply(status, replayed, text(answer, "type"), text(answer, "title"), null);
                    });
        } catch (ResourceAccessException ex) {
            return new Reply(null, false, null, null, ConnectionProblems.describe(String.valueOf(ex.getMessage())));
        }
    }

    private static String text(JsonNode answer, String field) {
        JsonNode value = answer == null ? null : answer.get(field);
        return value != null && value.isString() ? value.asString() : null;
    }

    /**
     * What came back from one attempt.
     *
     * @param status {@code null} when no reply arrived
     * @param replayed whether the bank said this is the stored answer to an earlier request with the key
     * @param problemType the problem's stable type URI when the bank refused, what decisions are made on
     * @param problemTitle the problem's title when the bank refused, for display
     * @param lost why there was no reply, in plain words; {@code null} when a reply arrived
     */
    record Reply(Integer status, boolean replayed, String problemType, String problemTitle, String lost) {

        boolean succeeded() {
            return status != null && status >= 200 && status < 300;
        }
    }
}
