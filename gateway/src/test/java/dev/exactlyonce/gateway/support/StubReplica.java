package dev.exactlyonce.gateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A tiny real HTTP server standing in for one of several bank-service replicas, on a port it keeps for
 * its whole life: it answers its readiness probe and every API call (201 to a POST, 200 otherwise, with
 * its name in the body), and can be made to fail the ways a replica does under a chaos harness: stopped
 * (the port refuses connections), paused (connections are accepted and never answered, as for a
 * SIGSTOPped JVM), not ready, or answering API calls with an error status.
 */
public final class StubReplica {

    static final String READINESS = "/actuator/health/readiness";

    private static final class Shared {

        static final StubReplica FIRST = new StubReplica("first");

        static final StubReplica SECOND = new StubReplica("second");
    }

    private final String name;

    private final ExecutorService handlers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "stub-replica");
        thread.setDaemon(true);
        return thread;
    });

    private final List<String> calls = new CopyOnWriteArrayList<>();

    private final List<Long> probes = new CopyOnWriteArrayList<>();

    private final int port;

    private volatile HttpServer server;

    private volatile CountDownLatch pause;

    private volatile boolean ready = true;

    private volatile int apiStatus;

    private StubReplica(String name) {
        this.name = name;
        this.server = listen(0);
        this.port = server.getAddress().getPort();
    }

    /** The first of the two replicas every {@link StubReplicasTest} context balances over. */
    public static StubReplica first() {
        return Shared.FIRST;
    }

    /** The second of the two replicas every {@link StubReplicasTest} context balances over. */
    public static StubReplica second() {
        return Shared.SECOND;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Serving, ready and answering normally again, with nothing recorded. */
    public synchronized void reset() {
        resume();
        if (server == null) {
            server = listen(port);
        }
        ready = true;
        apiStatus = 0;
        calls.clear();
        probes.clear();
    }

    /** Closes the port, so that a connection attempt is refused, as when the replica's process is killed. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Goes on accepting connections but answers nothing, readiness probes included, until {@link #resume()}. */
    public void pause() {
        pause = new CountDownLatch(1);
    }

    public void resume() {
        CountDownLatch paused = pause;
        pause = null;
        if (paused != null) {
            paused.countDown();
        }
    }

    /** Whether the readiness probe answers 200 (UP) or 503 (OUT_OF_SERVICE). */
    public void ready(boolean ready) {
        this.ready = ready;
    }

    /** Answers every API call with this status from now on, as a replica that is shutting down might. */
    public void answerApiCallsWith(int status) {
        this.apiStatus = status;
    }

    /** The API calls answered or held, as "METHOD path", oldest first. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    /** How many readiness probes were answered at or after {@code nanoTime} ({@link System#nanoTime()}). */
    public long probesAnsweredSince(long nanoTime) {
        return probes.stream().filter(arrival -> arrival - nanoTime >= 0).count();
    }

    private HttpServer listen(int port) {
        try {
            HttpServer created = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            created.setExecutor(handlers);
            created.createContext("/", this::handle);
            created.start();
            return created;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
            boolean probe = exchange.getRequestURI().getPath().equals(READINESS);
            if (!probe) {
                calls.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            }
            awaitResume();
            int status;
            String body;
            if (probe) {
                status = ready ? 200 : 503;
                body = "{\"status\":\"" + (ready ? "UP" : "OUT_OF_SERVICE") + "\"}";
            } else {
                status = apiStatus != 0 ? apiStatus : "POST".equals(exchange.getRequestMethod()) ? 201 : 200;
                body = "{\"replica\":\"" + name + "\"}";
            }
            byte[] reply = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, reply.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply);
            }
            if (probe) {
                probes.add(System.nanoTime());
            }
        }
    }

    private void awaitResume() {
        CountDownLatch paused = pause;
        if (paused == null) {
            return;
        }
        try {
            paused.await();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
