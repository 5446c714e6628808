package dev.exactlyonce.gateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
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
 * once, then a 201). It records every request it receives, headers and body included.
 */
public final class StubUpstream {

    private static volatile StubUpstream shared;

    private final HttpServer server;

    private final Queue<Integer> script = new ConcurrentLinkedQueue<>();

    private final List<Received> received = new CopyOnWriteArrayList<>();

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
        StubUpstream stub = shared;
        if (stub == null) {
            synchronized (StubUpstream.class) {
                stub = shared;
                if (stub == null) {
                    stub = new StubUpstream();
                    shared = stub;
                }
            }
        }
        return stub;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Forgets what was received and scripts the next answers; once they are used up, it answers 200. */
    public void reset(int... statuses) {
        received.clear();
        script.clear();
        for (int status : statuses) {
            script.add(status);
        }
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
            Integer scripted = script.poll();
            int status = scripted == null ? 200 : scripted;
            byte[] reply = ("{\"attempt\":" + received.size() + ",\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, reply.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply);
            }
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
