package dev.exactlyonce.bank;

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

/**
 * A plain HTTP client for the bank's API, so tests see exactly the bytes a real client would. The gateway's tests
 * point it at the gateway, which serves the same API.
 */
public class BankHttp {

    public static final String ALICE = "alice-local-token";

    public static final String BOB = "bob-local-token";

    /** The local profile's operator, who sets overdraft limits and may do nothing else. */
    public static final String OPS = "ops-local-token";

    /** Where every problem {@code type} of the API starts (a public contract, so spelled out here). */
    public static final String PROBLEMS = "https://exactly-once.dev/problems/";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;

    public BankHttp(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public Reply get(String token, String path) {
        return send(request(token, path).GET());
    }

    public Reply post(String token, String path, String idempotencyKey, String json) {
        HttpRequest.Builder request = request(token, path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request);
    }

    public Reply post(String token, String path, String json) {
        return post(token, path, UUID.randomUUID().toString(), json);
    }

    public Reply put(String token, String path, String json) {
        return send(request(token, path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
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
