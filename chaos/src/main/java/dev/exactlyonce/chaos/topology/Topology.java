package dev.exactlyonce.chaos.topology;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.exactlyonce.localinfra.EmbeddedServers;

/**
 * The platform as the chaos run sees it, every part a real process on 127.0.0.1 started and stopped
 * here: PostgreSQL, Redis (append-only, fsync every second, as in docker-compose), two bank-service
 * replicas each behind a {@link FaultyProxy}, the gateway balancing over the two proxies, and client-app
 * calling the gateway.
 */
public final class Topology implements AutoCloseable {

    /** Bank clients of the workload; each is also a client-app user whose password is its name. */
    public static final List<String> CLIENTS = List.of("alice", "bob", "carol", "dave", "erin");

    public static final String OPERATOR_TOKEN = "ops-local-token";

    private final Path work;

    private final PostgresProcess postgres;

    private final RedisProcess redis;

    private final List<ServiceProcess> banks = new ArrayList<>();

    private final List<FaultyProxy> proxies = new ArrayList<>();

    private ServiceProcess gateway;

    private ServiceProcess clientApp;

    /** Whether client-app sends the cumulative acknowledgement with its sequenced keys. */
    private final boolean acknowledge;

    private Topology(Path work, boolean acknowledge) {
        this.work = work;
        this.acknowledge = acknowledge;
        this.postgres = new PostgresProcess(work.resolve("postgres"), work.resolve("logs/postgres.log"));
        this.redis = new RedisProcess(work.resolve("redis"), work.resolve("logs/redis.log"));
    }

    /**
     * Starts everything from the jars under {@code root}; state and logs go to {@code work}, which must
     * not exist yet or be empty.
     *
     * @param acknowledge whether client-app sends the cumulative acknowledgement ({@code client.bank.acknowledge})
     */
    public static Topology start(Path root, Path work, boolean acknowledge, Log log) throws Exception {
        Files.createDirectories(work.resolve("logs"));
        Topology topology = new Topology(work, acknowledge);
        try {
            topology.startAll(root, log);
        } catch (Exception | Error ex) {
            topology.close();
            throw ex;
        }
        return topology;
    }

    /** Progress lines while starting. */
    public interface Log {
        void say(String line);
    }

    private void startAll(Path root, Log log) {
        log.say("Starting PostgreSQL and Redis (append-only, fsync every second) ...");
        postgres.create("bank", "client");
        redis.start();

        for (int replica = 1; replica <= 2; replica++) {
            ServiceProcess bank = new ServiceProcess("bank-" + replica, root.resolve("bank-service/target/bank-service.jar"),
                    EmbeddedServers.freePort(), bankEnvironment(), logFile("bank-" + replica));
            FaultyProxy proxy = new FaultyProxy(bank.port());
            banks.add(bank);
            proxies.add(proxy);
        }
        log.say("Starting two bank-service replicas ...");
        banks.forEach(ServiceProcess::start);
        proxies.forEach(FaultyProxy::accept);

        log.say("Starting the gateway ...");
        gateway = new ServiceProcess("gateway", root.resolve("gateway/target/gateway.jar"), EmbeddedServers.freePort(),
                gatewayEnvironment(), logFile("gateway"));
        gateway.start();

        log.say("Starting client-app ...");
        clientApp = new ServiceProcess("client-app", root.resolve("client-app/target/client-app.jar"), EmbeddedServers.freePort(),
                clientAppEnvironment(), logFile("client-app"));
        clientApp.start();
    }

    private Path logFile(String name) {
        return work.resolve("logs/" + name + ".log");
    }

    private Map<String, String> bankEnvironment() {
        Map<String, String> environment = new HashMap<>(database("bank"));
        environment.putAll(redisEnvironment());
        environment.put("SPRING_PROFILES_ACTIVE", "local");
        for (String client : CLIENTS) {
            environment.put("BANK_SECURITY_CLIENTS_" + client.toUpperCase(Locale.ROOT), token(client));
        }
        return environment;
    }

    private Map<String, String> gatewayEnvironment() {
        Map<String, String> environment = new HashMap<>(redisEnvironment());
        environment.put("GATEWAY_BANK_INSTANCES", String.join(",", proxies.stream().map(FaultyProxy::url).toList()));
        // The workload is a few clients sending as fast as they can, client-app's share all from one address;
        // the rate limit is not under test, and its 429s would cap the throughput the benchmark compares.
        environment.put("GATEWAY_RATE_LIMIT_ENABLED", "false");
        return environment;
    }

    private Map<String, String> clientAppEnvironment() {
        Map<String, String> environment = new HashMap<>(database("client"));
        environment.put("SPRING_PROFILES_ACTIVE", "local");
        environment.put("CLIENT_BANK_URL", gateway.url());
        // Resume operations left in doubt within seconds rather than the default half minute, so a short
        // run also sees the resumer finish what a crash interrupted.
        environment.put("CLIENT_JOURNAL_RESUME_INTERVAL", "1s");
        environment.put("CLIENT_JOURNAL_RESUME_DELAY", "2s");
        // A killed client-app's operations are taken over once its heartbeat is this old: seconds here, so the
        // restarted process resumes them within the run (the default 20 s suits replicas that restart slowly).
        environment.put("CLIENT_JOURNAL_HEARTBEAT_INTERVAL", "1s");
        environment.put("CLIENT_JOURNAL_INSTANCE_TIMEOUT", "5s");
        environment.put("CLIENT_BANK_ACKNOWLEDGE", Boolean.toString(acknowledge));
        for (String client : CLIENTS) {
            String prefix = "CLIENT_USERS_" + client.toUpperCase(Locale.ROOT);
            environment.put(prefix + "_PASSWORD", client);
            environment.put(prefix + "_TOKEN", token(client));
        }
        return environment;
    }

    private Map<String, String> database(String name) {
        return Map.of("SPRING_DATASOURCE_URL", postgres.jdbcUrl(name),
                "SPRING_DATASOURCE_USERNAME", postgres.username(),
                "SPRING_DATASOURCE_PASSWORD", postgres.password());
    }

    private Map<String, String> redisEnvironment() {
        return Map.of("SPRING_DATA_REDIS_HOST", "127.0.0.1", "SPRING_DATA_REDIS_PORT", Integer.toString(redis.port()));
    }

    /** The bearer token of a client: the local profile's for alice and bob, made up for the others. */
    public static String token(String client) {
        return client + (client.equals("alice") || client.equals("bob") ? "-local-token" : "-chaos-token");
    }

    public PostgresProcess postgres() {
        return postgres;
    }

    public RedisProcess redis() {
        return redis;
    }

    public List<ServiceProcess> banks() {
        return banks;
    }

    public List<FaultyProxy> proxies() {
        return proxies;
    }

    public ServiceProcess gateway() {
        return gateway;
    }

    public ServiceProcess clientApp() {
        return clientApp;
    }

    /** Stops everything, services first, tolerating parts that never started. */
    @Override
    public void close() {
        List<Runnable> stops = new ArrayList<>();
        if (clientApp != null) {
            stops.add(clientApp::stop);
        }
        if (gateway != null) {
            stops.add(gateway::stop);
        }
        proxies.forEach(proxy -> stops.add(proxy::close));
        banks.forEach(bank -> stops.add(bank::stop));
        stops.add(redis::stop);
        stops.add(postgres::stop);
        for (Runnable stop : stops) {
            try {
                stop.run();
            } catch (RuntimeException ex) {
                System.err.println("While stopping: " + ex);
            }
        }
    }
}
