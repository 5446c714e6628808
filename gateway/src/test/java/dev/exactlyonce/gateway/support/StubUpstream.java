package dev.exactlyonce.gateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A tiny real HTTP server standing in for bank-service where a test must script its answers (a 503
 * once, then a 201). It records every request it receives, headers and body included. It can also
 * stand in front of the real bank ({@link #forwardTo}): then every request reaches the bank, and the
 * scripted answers replace the bank's, as a reply lost on the way back would be.
 */
public final class StubUpstream {

    private static final List<String> FORWARDED_HEADERS = List.of("Authorization", "Content-Type", "Idempotency-Key",
            "X-Request-Id");

    private static final List<String> RELAYED_HEADERS = List.of("Content-Type", "Location", "Idempotent-Replayed",
            "Retry-After");

    private final HttpServer server;

    private final Queue<Answer> script = new ConcurrentLinkedQueue<>();

    private final List<Received> received = new CopyOnWriteArrayList<>();

    private final HttpClient forwarding = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private volatile URI forwardTarget;

    private StubUpstream() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
    }

    public static StubUpstream shared() {
        return Shared.STUB;
    }

    /** Started on first use, once per JVM: the JVM initialises this class lazily and under a lock. */
    private static final class Shared {

        static final StubUpstream STUB = new StubUpstream();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Forgets what was received and scripts the next answers; once they are used up, it answers 200. */
    public void reset(int... statuses) {
        resetWith(Arrays.stream(statuses).mapToObj(status -> new Answer(status, null)).toArray(Answer[]::new));
    }

    /** As {@link #reset(int...)}, with answers that may carry a {@code Retry-After}. */
    public void resetWith(Answer... answers) {
        forwardTarget = null;
        received.clear();
        script.clear();
        script.addAll(List.of(answers));
    }

    /**
     * Forgets what was received and passes every request on to {@code target}; for the first requests it
     * answers the scripted statuses instead of the target's reply (which it throws away), then the
     * target's own reply.
     */
    public void forwardTo(String target, int... statuses) {
        reset(statuses);
        forwardTarget = URI.create(target);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers, body));
            URI target = forwardTarget;
            HttpResponse<byte[]> forwarded = target == null ? null : forward(target, exchange, headers, body);
            Answer scripted = script.poll();
            if (forwarded != null && scripted == null) {
                relay(exchange, forwarded);
                return;
            }
            int status = scripted == null ? 200 : scripted.status();
            if (scripted != null && scripted.retryAfter() != null) {
                exchange.getResponseHeaders().add("Retry-After", scripted.retryAfter());
            }
            byte[] reply = ("{\"attempt\":" + received.size() + ",\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, reply.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply);
            }
        }
    }

    private HttpResponse<byte[]> forward(URI target, HttpExchange exchange, Map<String, List<String>> headers, String body)
            throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                .method(exchange.getRequestMethod(), body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        for (String name : FORWARDED_HEADERS) {
            List<String> values = headers.get(name);
            if (values != null) {
                values.forEach(value -> request.header(name, value));
            }
        }
        try {
            return forwarding.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while forwarding", ex);
        }
    }

    private static void relay(HttpExchange exchange, HttpResponse<byte[]> forwarded) throws IOException {
        forwarded.headers().map().forEach((name, values) -> {
            if (RELAYED_HEADERS.stream().anyMatch(name::equalsIgnoreCase)) {
                values.forEach(value -> exchange.getResponseHeaders().add(name, value));
            }
        });
        byte[] reply = forwarded.body();
        exchange.sendResponseHeaders(forwarded.statusCode(), reply.length == 0 ? -1 : reply.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply);
        }
    }

    /** A scripted answer: its status, and its {@code Retry-After} unless that is {@code null}. */
    public record Answer(int status, String retryAfter) {

        public static Answer retryAfter(int status, String retryAfter) {
            return new Answer(status, retryAfter);
        }
    }

    /** One request as the stub received it. */
    public record Received(String method, String uri, Map<String, List<String>> headers, String body) {

        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }
}
