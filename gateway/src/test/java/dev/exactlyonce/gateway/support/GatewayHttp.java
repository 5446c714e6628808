package dev.exactlyonce.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** A plain HTTP client for the gateway, so tests see exactly the bytes a real client would. */
public final class GatewayHttp {

    public static final String ALICE = "alice-local-token";

    /**
     * The bank's other local client. No test in the shared real-bank context uses it, so a test in the
     * stub context (5 calls a minute) that forwards to the real bank has its whole budget.
     */
    public static final String BOB = "bob-local-token";

    /** The body that opens a EUR account. */
    public static final String EUR_ACCOUNT = "{\"currency\":\"EUR\"}";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;

    public GatewayHttp(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public Reply get(String token, String path) {
        return send(request(token, path).GET());
    }

    public Reply post(String token, String path, String idempotencyKey, String json) {
        HttpRequest.Builder request = request(token, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request);
    }

    public Reply send(HttpRequest.Builder request) {
        try {
            return sendOrFail(request);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Sends the request; an {@link IOException} means no reply came. */
    public Reply sendOrFail(HttpRequest.Builder request) throws IOException {
        try {
            return new Reply(http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString()));
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    public HttpRequest.Builder request(String token, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    /**
     * Opens a EUR account for the token's client, credited with {@code balance} minor units. Opening
     * needs an Idempotency-Key like every creating POST; this one is minted for this one opening.
     */
    public UUID euroAccount(String token, long balance) {
        Reply opened = post(token, "/api/v1/accounts", "gateway-open-" + UUID.randomUUID(), EUR_ACCOUNT);
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        UUID id = UUID.fromString(opened.json().get("id").asString());
        if (balance > 0) {
            Reply credited = post(token, "/api/v1/accounts/" + id + "/credits", UUID.randomUUID().toString(),
                    "{\"amount\":" + balance + ",\"currency\":\"EUR\"}");
            assertThat(credited.status()).as(credited.body()).isEqualTo(201);
        }
        return id;
    }

    public long balance(String token, UUID account) {
        Reply reply = get(token, "/api/v1/accounts/" + account);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().get("balance").asLong();
    }

    public static String debit(long amount) {
        return "{\"amount\":" + amount + ",\"currency\":\"EUR\",\"description\":\"gateway test\"}";
    }

    /** An HTTP reply. */
    public record Reply(HttpResponse<String> response) {

        public int status() {
            return response.statusCode();
        }

        public String body() {
            return response.body();
        }

        public JsonNode json() {
            return JSON.readTree(response.body());
        }

        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }
    }
}
