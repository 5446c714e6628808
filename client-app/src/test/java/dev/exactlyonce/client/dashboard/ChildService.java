package dev.exactlyonce.client.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A service's runnable jar as a child process of the test JVM, stopped when the JVM exits. */
final class ChildService {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final String name;

    private final Process process;

    private final Path log;

    private final int port;

    private ChildService(String name, Process process, Path log, int port) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts {@code jar} on a free port with the given Spring Boot arguments and waits until it is ready. */
    static ChildService start(String name, Path jar, List<String> arguments) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath().normalize() + " is missing. Build it first: "
                    + "./mvnw -pl client-app -am install -DskipTests");
        }
        Path copy = privateCopy(name, jar);
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-jar", copy.toString(), "--server.port=" + port));
        command.addAll(arguments);
        try {
            Path log = Files.createDirectories(Path.of("target", "dashboard-logs")).resolve(name + ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            ChildService service = new ChildService(name, process, log, port);
            Runtime.getRuntime().addShutdownHook(new Thread(service::stop, name + "-stop"));
            service.awaitReady();
            return service;
        } catch (IOException ex) {
            throw new UncheckedIOException("Could not start " + name, ex);
        }
    }

    /**
     * Runs a copy: other builds in the same working tree may rebuild the jar while the tests run, and a
     * Spring Boot jar replaced under a running process fails as soon as it loads another class.
     */
    private static Path privateCopy(String name, Path jar) {
        try {
            Path directory = Files.createTempDirectory("dashboard-" + name);
            directory.toFile().deleteOnExit();
            Path copy = Files.copy(jar, directory.resolve(jar.getFileName()));
            copy.toFile().deleteOnExit();
            return copy;
        } catch (IOException ex) {
            throw new UncheckedIOException("Could not copy " + jar, ex);
        }
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    void stop() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI readiness = URI.create(url() + "/actuator/health/readiness");
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                if (http.send(HttpRequest.newBuilder(readiness).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        }
        throw new IllegalStateException(name + " was not ready within " + START_TIMEOUT + ":\n" + logTail());
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException ex) {
            return "(no log: " + ex.getMessage() + ")";
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
