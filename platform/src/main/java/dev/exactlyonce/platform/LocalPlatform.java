package dev.exactlyonce.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.exactlyonce.localinfra.ChildProcesses;
import dev.exactlyonce.localinfra.EmbeddedServers;
import dev.exactlyonce.localinfra.PostgresServer;
import dev.exactlyonce.localinfra.Readiness;
import dev.exactlyonce.localinfra.RedisServer;

/**
 * Starts the whole platform on one machine: embedded PostgreSQL and Redis on fixed ports, then each
 * service's production jar as a child process pointed at them, exactly as it would run in a container.
 * The servers and their data live as long as this process; Ctrl+C stops everything.
 */
public final class LocalPlatform {

    static final int POSTGRES_PORT = 54329;

    static final int REDIS_PORT = 63799;

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final Path root;

    private final Path logs;

    private final List<Process> children = new ArrayList<>();

    private LocalPlatform(Path root) {
        this.root = root;
        this.logs = root.resolve(".local/logs");
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("platform.root", ".")).toAbsolutePath().normalize();
        new LocalPlatform(root).run();
    }

    private void run() throws Exception {
        Files.createDirectories(logs);
        say("Starting embedded PostgreSQL on port " + POSTGRES_PORT + " and Redis on port " + REDIS_PORT + " ...");
        PostgresServer postgres = EmbeddedServers.postgres(POSTGRES_PORT);
        RedisServer redis = EmbeddedServers.redis(REDIS_PORT);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // All at once, then each waited for (and killed if it outlives its grace).
            children.forEach(Process::destroy);
            children.forEach(ChildProcesses::stop);
            redis.stop();
            postgres.stop();
        }, "local-platform-shutdown"));
        createDatabases(postgres, "bank", "client");

        for (ServiceSpec service : services(postgres, redis)) {
            start(service);
        }
        say("");
        say("The platform is up. Logs: " + logs + ". Press Ctrl+C to stop it.");
        Thread.currentThread().join();
    }

    /** The services in start order: each one's neighbours are up before it starts. */
    private static List<ServiceSpec> services(PostgresServer postgres, RedisServer redis) {
        Map<String, String> redisEnv = Map.of(
                "SPRING_DATA_REDIS_HOST", redis.host(),
                "SPRING_DATA_REDIS_PORT", String.valueOf(redis.port()));
        List<ServiceSpec> services = new ArrayList<>();

        Map<String, String> bank = new HashMap<>(redisEnv);
        bank.putAll(database(postgres, "bank"));
        bank.put("SPRING_PROFILES_ACTIVE", "local");
        services.add(new ServiceSpec("bank-service", "bank-service/target/bank-service.jar", 8081, bank, List.of(
                "API docs:   http://localhost:8081/swagger-ui.html",
                "Try it:     curl -s -X POST http://localhost:8081/api/v1/accounts -H 'Authorization: Bearer alice-local-token' "
                        + "-H 'Content-Type: application/json' -H 'Idempotency-Key: my-first-account' -d '{\"currency\":\"EUR\"}'",
                "Then:       curl -s -X POST http://localhost:8081/api/v1/accounts/<id>/credits -H 'Authorization: Bearer alice-local-token' "
                        + "-H 'Content-Type: application/json' -H 'Idempotency-Key: my-first-credit' -d '{\"amount\":1000,\"currency\":\"EUR\"}'")));

        Map<String, String> gateway = new HashMap<>(redisEnv);
        gateway.put("GATEWAY_BANK_URI", "http://localhost:8081");
        // The local run is for demonstrations: the fault mode that drops replies is on (never in prod).
        gateway.put("GATEWAY_FAULTS_ENABLED", "true");
        services.add(new ServiceSpec("gateway", "gateway/target/gateway.jar", 8080, gateway, List.of(
                "API through the gateway: http://localhost:8080/api/v1/... (same calls as above, on port 8080)",
                "Lose a reply: curl -s -X POST http://localhost:8080/gateway/faults/drop-replies -H 'Content-Type: application/json' -d '{\"count\":1}'",
                "Scenario:   java -cp gateway/target/gateway.jar -Dloader.main=dev.exactlyonce.gateway.scenario.ScenarioRunner "
                        + "org.springframework.boot.loader.launch.PropertiesLauncher --gateway http://localhost:8080")));

        // client-app's journal lives in its own schema (client_journal) of its own database on the same server.
        Map<String, String> client = new HashMap<>(database(postgres, "client"));
        client.put("SPRING_PROFILES_ACTIVE", "local");
        client.put("CLIENT_BANK_URL", "http://localhost:8080");
        services.add(new ServiceSpec("client-app", "client-app/target/client-app.jar", 8082, client, List.of(
                "Dashboard:  http://localhost:8082/dashboard (sign in as alice/alice or bob/bob)",
                "Its API:    curl -s -u alice:alice http://localhost:8082/api/operations",
                "Resilience: curl -s -u alice:alice http://localhost:8082/actuator/circuitbreakers")));

        return services;
    }

    private static Map<String, String> database(PostgresServer postgres, String name) {
        return Map.of(
                "SPRING_DATASOURCE_URL", postgres.jdbcUrl().replaceFirst("/postgres(\\?|$)", "/" + name + "$1"),
                "SPRING_DATASOURCE_USERNAME", postgres.username(),
                "SPRING_DATASOURCE_PASSWORD", postgres.password());
    }

    private static void createDatabases(PostgresServer postgres, String... names) throws SQLException {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password());
                Statement statement = connection.createStatement()) {
            for (String name : names) {
                statement.execute("create database " + name);
            }
        }
    }

    private void start(ServiceSpec service) throws IOException, InterruptedException {
        Path jar = root.resolve(service.jar());
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first with ./mvnw -DskipTests package");
        }
        Path log = logs.resolve(service.name() + ".log");
        ProcessBuilder builder = new ProcessBuilder(ChildProcesses.java(), "-XX:TieredStopAtLevel=1", "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(service.environment());
        builder.environment().put("SERVER_PORT", String.valueOf(service.port()));
        say("Starting " + service.name() + " on port " + service.port() + " (log: " + log + ") ...");
        Process process = builder.start();
        children.add(process);
        Readiness.await(service.name(), service.url(), process, START_TIMEOUT, () -> "; see " + log);
        say(service.name() + " is ready at " + service.url());
        service.hints().forEach(hint -> say("  " + hint));
    }


    private static void say(String line) {
        System.out.println(line);
    }
}
