package dev.exactlyonce.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.exactlyonce.localinfra.ChildProcesses;
import dev.exactlyonce.localinfra.EmbeddedServers;
import dev.exactlyonce.localinfra.Readiness;

/**
 * A service's production jar running as a child process, exactly as it runs in a container, so that a test
 * can kill it with SIGKILL and start it again. Stopped when the test JVM exits at the latest.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final String name;

    private final Process process;

    private final Path log;

    private final int port;

    private ServiceProcess(String name, Process process, Path log, int port) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts the jar with the given Spring Boot arguments on a free port, and waits until it is ready. */
    public static ServiceProcess start(String name, Path jar, List<String> arguments) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath().normalize() + " is missing: build it first with "
                    + "./mvnw -pl client-app -am package -DskipTests");
        }
        int port = EmbeddedServers.freePort();
        List<String> command = new ArrayList<>(List.of(ChildProcesses.java(), "-Xmx384m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-jar", privateCopy(name, jar).toString(), "--server.port=" + port));
        command.addAll(arguments);
        try {
            Path log = Files.createDirectories(Path.of("target", "e2e-logs"))
                    .resolve(name + "-" + System.currentTimeMillis() + ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            ServiceProcess service = new ServiceProcess(name, process, log, port);
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, name + "-stop"));
            Readiness.await(name, service.url(), process, START_TIMEOUT, () -> ":\n" + service.logTail());
            return service;
        } catch (IOException ex) {
            throw new UncheckedIOException("Could not start " + name, ex);
        }
    }

    /**
     * Runs a copy: a build in the same working tree may replace the jar while the tests run, and a Spring
     * Boot jar replaced under a running process fails as soon as it loads another class.
     */
    private static Path privateCopy(String name, Path jar) {
        try {
            Path copy = Files.copy(jar, Files.createTempDirectory(name).resolve(jar.getFileName()));
            copy.toFile().deleteOnExit();
            copy.getParent().toFile().deleteOnExit();
            return copy;
        } catch (IOException ex) {
            throw new UncheckedIOException("Could not copy " + jar, ex);
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** SIGKILL: no shutdown hook, no graceful shutdown, nothing flushed that was not already durable. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " survived SIGKILL");
        }
    }

    @Override
    public void close() throws InterruptedException {
        ChildProcesses.stop(process);
    }

    /** Every line the service has logged so far. */
    public List<String> logLines() {
        try {
            return Files.readAllLines(log);
        } catch (IOException ex) {
            throw new UncheckedIOException("Could not read " + log, ex);
        }
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException ex) {
            return "(no log: " + ex.getMessage() + ")";
        }
    }
}
