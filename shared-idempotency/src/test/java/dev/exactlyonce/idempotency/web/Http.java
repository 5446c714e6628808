package dev.exactlyonce.idempotency.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.function.IntSupplier;

import dev.exactlyonce.idempotency.testapp.TestApplication;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client, so the tests see the exact bytes a real client would. */
final class Http {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final IntSupplier port;

    /** @param port asked on each request, so a test can build this before its server port is injected */
    Http(IntSupplier port) {
        this.port = port;
    }

    /** A key no request has used yet, as a client makes one per operation. */
    static String newKey() {
        return UUID.randomUUID().toString();
    }

    Reply post(String user, String path, String key, String body) {
        return send(request(user, path, key).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A body without Content-Length (chunked), so only reading it can tell its size. */
    Reply postChunked(String user, String path, String key, byte[] body) {
        return send(request(user, path, key)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
    }

    HttpRequest.Builder request(String user, String path, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.getAsInt() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json");
        if (user != null) {
            String credentials = user + ":" + TestApplication.PASSWORD;
            request.header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request;
    }

    Reply send(HttpRequest.Builder request) {
        try {
            return new Reply(client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray()));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    record Reply(HttpResponse<byte[]> response) {

        int status() {
            return response.statusCode();
        }

        byte[] bytes() {
            return response.body();
        }

        String body() {
            return new String(response.body(), StandardCharsets.UTF_8);
        }

        JsonNode json() {
            return JSON.readTree(response.body());
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        boolean replayed() {
            return "true".equals(header("Idempotent-Replayed"));
        }

        String problemType() {
            return json().get("type").asString();
        }

        @Override
        public String toString() {
            return status() + " " + response.headers().map() + " " + body();
        }
    }
}
