package dev.exactlyonce.chaos.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.exactlyonce.localinfra.ChildProcesses;
import dev.exactlyonce.localinfra.Readiness;

/**
 * One service run from its production jar as a child process, configured through its environment as
 * in a container. The harness kills it (SIGKILL), pauses it (SIGSTOP) and starts it again.
 */
public final class ServiceProcess {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final String name;

    private final Path jar;

    private final int port;

    private final Map<String, String> environment;

    private final Path log;

    private Process process;

    ServiceProcess(String name, Path jar, int port, Map<String, String> environment, Path log) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first with ./mvnw -DskipTests package");
        }
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.environment = environment;
        this.log = log;
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts the process and waits until its readiness probe answers 200. */
    public synchronized void start() {
        List<String> command = new ArrayList<>(List.of(ChildProcesses.java(),
                // Start-up speed over peak speed on two shared cores, as ./run-local does.
                "-XX:TieredStopAtLevel=1", "-Xmx384m", "-Xss512k", "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        try {
            process = builder.start();
        } catch (IOException ex) {
            throw new UncheckedIOException("Could not start " + name, ex);
        }
        Readiness.await(name, url(), process, START_TIMEOUT, () -> "; see " + log);
    }

    /** SIGKILL: no shutdown hook runs, requests in flight are cut off. */
    public synchronized void kill() {
        Processes.kill(process);
    }

    /** SIGSTOP: the process keeps its sockets (connections are still accepted) and answers nothing. */
    public synchronized void pause() {
        Processes.signal("STOP", process.pid());
    }

    public synchronized void resume() {
        Processes.signal("CONT", process.pid());
    }

    /** SIGTERM and a graceful shutdown, for the end of a run. */
    synchronized void stop() {
        if (process != null && process.isAlive()) {
            // A paused process cannot act on SIGTERM.
            Processes.signal("CONT", process.pid());
            ChildProcesses.stop(process);
        }
    }
}
