package dev.exactlyonce.localinfra;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real PostgreSQL and Redis servers that every integration test in one JVM shares.
 *
 * <p>The choice between Testcontainers and embedded servers is made once per JVM: asking Docker is
 * cheap when it answers "no" quickly, but asking again in every test class adds up, and two kinds of
 * server in one run would make failures hard to read.
 */
public final class RealServers {

    private static final Logger log = LoggerFactory.getLogger(RealServers.class);

    private final PostgresServer postgres;
    private final RedisServer redis;

    private RealServers(PostgresServer postgres, RedisServer redis) {
        this.postgres = postgres;
        this.redis = redis;
    }

    /** The servers of this JVM, started on first use and stopped when the JVM exits. */
    public static RealServers shared() {
        return Shared.SERVERS;
    }

    /** Started when first asked for: the JVM initialises this class once, on first use, under a lock. */
    private static final class Shared {

        static final RealServers SERVERS = start();
    }

    private static RealServers start() {
        boolean docker = ContainerServers.dockerAvailable();
        log.info("Integration tests use {} PostgreSQL and Redis", docker ? "Testcontainers" : "embedded");
        PostgresServer postgres = docker ? ContainerServers.postgres() : EmbeddedServers.postgres(0);
        RedisServer redis = docker ? ContainerServers.redis() : EmbeddedServers.redis(0);
        RealServers servers = new RealServers(postgres, redis);
        Runtime.getRuntime().addShutdownHook(new Thread(servers::stop, "real-servers-shutdown"));
        return servers;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public RedisServer redis() {
        return redis;
    }

    /** Spring properties that point a Boot application at these servers. */
    public Map<String, String> springProperties() {
        return Map.of(
                "spring.datasource.url", postgres.jdbcUrl(),
                "spring.datasource.username", postgres.username(),
                "spring.datasource.password", postgres.password(),
                "spring.data.redis.host", redis.host(),
                "spring.data.redis.port", String.valueOf(redis.port()));
    }

    private void stop() {
        redis.stop();
        postgres.stop();
    }
}
