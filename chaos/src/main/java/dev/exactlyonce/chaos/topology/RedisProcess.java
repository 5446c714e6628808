package dev.exactlyonce.chaos.topology;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.exactlyonce.localinfra.EmbeddedServers;

/**
 * Redis 6.2 from the embedded-redis artifact's binary, run as the harness's own child process with an
 * append-only file fsynced every second, as docker-compose runs it, so that kill -9 and a restart on the
 * same directory is the real crash recovery.
 */
public final class RedisProcess {

    private static final String BINARY = "redis-server-6.2.6-v5-linux-amd64";

    private final Path directory;

    private final Path log;

    private final int port = EmbeddedServers.freePort();

    private Process process;

    RedisProcess(Path directory, Path log) {
        this.directory = directory;
        this.log = log;
    }

    public int port() {
        return port;
    }

    synchronized void start() {
        try {
            Files.createDirectories(directory);
            Path binary = directory.resolve("redis-server");
            if (!Files.exists(binary)) {
                try (InputStream in = RedisProcess.class.getClassLoader().getResourceAsStream(BINARY)) {
                    if (in == null) {
                        throw new IllegalStateException(BINARY + " is not on the class path (embedded-redis)");
                    }
                    Files.copy(in, binary, StandardCopyOption.REPLACE_EXISTING);
                }
                binary.toFile().setExecutable(true);
            }
            process = new ProcessBuilder(List.of(binary.toString(), "--port", Integer.toString(port),
                    "--bind", "127.0.0.1", "--dir", directory.toString(), "--save", "",
                    "--appendonly", "yes", "--appendfsync", "everysec"))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            awaitPong(Duration.ofSeconds(30));
        } catch (IOException ex) {
            throw new UncheckedIOException("Could not start Redis", ex);
        }
    }

    /** SIGKILL: what was not yet fsynced to the append-only file (up to a second) is lost. */
    public synchronized void kill() {
        Processes.kill(process);
    }

    /** Restarts on the same directory: Redis replays its append-only file. */
    public synchronized void restart() {
        start();
    }

    public void flushAll() {
        Object reply = command("FLUSHALL");
        if (!"OK".equals(reply)) {
            throw new IllegalStateException("FLUSHALL answered " + reply);
        }
    }

    synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void awaitPong(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            try {
                if ("PONG".equals(command("PING"))) {
                    return;
                }
            } catch (UncheckedIOException notYet) {
                if (Instant.now().isAfter(deadline)) {
                    throw notYet;
                }
            }
            sleep(50);
        }
    }

    /** One command on a connection of its own, and its reply. */
    private Object command(String name) {
        try (Resp redis = new Resp(port)) {
            return redis.call(name);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
