package dev.exactlyonce.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Real PostgreSQL 17 and Redis 6.2 server binaries shipped in Maven artifacts, for machines without a
 * Docker engine. They are the same servers, not imitations: only the packaging differs.
 */
public final class EmbeddedServers {

    private EmbeddedServers() {
    }

    /**
     * Starts PostgreSQL on the given port, or on a free one when {@code port} is 0.
     *
     * @param dataDirectory where the cluster lives; {@code null} for a throw-away directory
     */
    public static PostgresServer postgres(int port, Path dataDirectory) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPort(port == 0 ? freePort() : port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // Enough connections for the concurrency tests and a few services at once.
                    .setServerConfig("max_connections", "300")
                    // Durable like a production server: the embedded default turns synchronous_commit off,
                    // which would let a crash lose committed money and flatter every benchmark.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on");
            if (dataDirectory != null) {
                Files.createDirectories(dataDirectory);
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            }
            EmbeddedPostgres postgres = builder.start();
            return new RunningPostgres(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres", () -> {
                try {
                    postgres.close();
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            });
        } catch (IOException ex) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL", ex);
        }
    }

    /** Starts PostgreSQL with a throw-away data directory. */
    public static PostgresServer postgres(int port) {
        return postgres(port, null);
    }

    /** Starts Redis on the given port, or on a free one when {@code port} is 0. */
    public static RedisServer redis(int port) {
        EmbeddedRedis redis = new EmbeddedRedis(port == 0 ? freePort() : port);
        redis.start();
        return redis;
    }

    /** A port nothing listens on now, for a server about to be started. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static final class EmbeddedRedis implements RedisServer {

        private final int port;

        private redis.embedded.RedisServer server;

        EmbeddedRedis(int port) {
            this.port = port;
        }

        @Override
        public String host() {
            return "127.0.0.1";
        }

        @Override
        public int port() {
            return port;
        }

        @Override
        public synchronized void start() {
            try {
                server = redis.embedded.RedisServer.newRedisServer()
                        .port(port)
                        .bind("127.0.0.1")
                        // No snapshots: a test server starts empty and must not write dump files around.
                        .setting("save \"\"")
                        .setting("appendonly no")
                        .build();
                server.start();
            } catch (IOException ex) {
                throw new UncheckedIOException("Could not start embedded Redis on port " + port, ex);
            }
        }

        @Override
        public synchronized void stop() {
            if (server != null) {
                try {
                    server.stop();
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
                server = null;
            }
        }
    }
}
