package dev.exactlyonce.bank.idempotency;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import dev.exactlyonce.bank.BankApplication;
import dev.exactlyonce.idempotency.redis.RedisIdempotencyStore;
import dev.exactlyonce.localinfra.RealServers;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Measures what the Redis fast path costs and saves, against a real PostgreSQL and Redis (from
 * local-infra) and two real bank-services started in this JVM on random ports: one with the
 * Idempotency-Key filter, one with it switched off. Not a test: run it with
 * {@code ./mvnw -q -pl bank-service -am -Pbenchmark -DskipTests verify}.
 *
 * <p>Scenarios, each with {@code benchmark.threads} closed-loop clients, each client debiting its own
 * account so that row locks do not serialise them:
 * <ol type="a">
 * <li>debits with a fresh key each, through the filter;</li>
 * <li>the same debits with the filter switched off (the ledger's PostgreSQL fence still applies);</li>
 * <li>replays of keys completed in (a), answered from Redis without reaching the ledger.</li>
 * </ol>
 * (a) and (b) alternate over {@code benchmark.rounds} rounds so that drift on a shared machine hits
 * both alike. Then the Redis {@code MEMORY USAGE} of completed debit records is sampled.
 */
public final class IdempotencyBenchmark {

    private static final String TOKEN = "alice-local-token";
    private static final String DEBIT = "{\"amount\":1,\"currency\":\"EUR\",\"description\":\"benchmark\"}";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final int threads = Integer.getInteger("benchmark.threads", 8);
    private final Duration duration = Duration.ofSeconds(Long.getLong("benchmark.seconds", 10));
    private final Duration warmup = Duration.ofSeconds(Long.getLong("benchmark.warmup-seconds", 80));
    private final int rounds = Integer.getInteger("benchmark.rounds", 4);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private int postgresPort;

    private IdempotencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        new IdempotencyBenchmark().run();
        System.exit(0);
    }

    private void run() throws Exception {
        RealServers servers = RealServers.shared();
        postgresPort = URI.create(servers.postgres().jdbcUrl().substring("jdbc:".length())).getPort();
        say("Starting bank-service twice (Idempotency-Key filter on and off) against PostgreSQL %s and Redis %s:%d",
                servers.postgres().jdbcUrl(), servers.redis().host(), servers.redis().port());
        try (ConfigurableApplicationContext on = start(servers, true);
                ConfigurableApplicationContext off = start(servers, false)) {
            String filtered = base(on);
            String unfiltered = base(off);
            List<String> accounts = openAccounts(filtered);
            say("%d clients, %d s per measurement, %d rounds; %d cores, load average %.1f; Java %s", threads,
                    duration.toSeconds(), rounds, Runtime.getRuntime().availableProcessors(),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), System.getProperty("java.version"));

            say("Warming up for %d s ...", warmup.toSeconds() * 2);
            for (int i = 0; i < 4; i++) {
                freshDebits(filtered, accounts, warmup.dividedBy(4), new ArrayList<>());
                freshDebits(unfiltered, accounts, warmup.dividedBy(4), new ArrayList<>());
            }

            Measurement a = new Measurement("(a) debit, fresh key, filter on");
            Measurement b = new Measurement("(b) debit, filter off");
            List<Completed> completed = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                // a b, b a, a b, ...: whatever the JIT or the neighbours do meanwhile lands on both alike.
                if (round % 2 == 1) {
                    a.add(freshDebits(filtered, accounts, duration, completed));
                    b.add(freshDebits(unfiltered, accounts, duration, new ArrayList<>()));
                } else {
                    b.add(freshDebits(unfiltered, accounts, duration, new ArrayList<>()));
                    a.add(freshDebits(filtered, accounts, duration, completed));
                }
                say("  round %d: (a) %.0f req/s, (b) %.0f req/s, load average %.1f", round, a.last().perSecond(),
                        b.last().perSecond(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            }
            Measurement c = new Measurement("(c) replay of a completed key");
            replays(filtered, completed, warmup.dividedBy(4));
            for (int round = 1; round <= rounds; round++) {
                c.add(replays(filtered, completed, duration));
                say("  round %d: (c) %.0f req/s", round, c.last().perSecond());
            }
            long[] memory = memoryUsage(on, completed);

            report(a, b, c, memory);
        }
    }

    private ConfigurableApplicationContext start(RealServers servers, boolean filter) {
        Map<String, Object> properties = new HashMap<>(servers.springProperties());
        properties.put("server.port", "0");
        properties.put("exactlyonce.idempotency.enabled", Boolean.toString(filter));
        properties.put("spring.main.banner-mode", "off");
        properties.put("logging.level.root", "WARN");
        properties.put("logging.level.dev.exactlyonce", "WARN");
        // As command-line arguments, so that they win over application.yml as they would in production.
        String[] args = properties.entrySet().stream().map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(BankApplication.class).profiles("local").run(args);
    }

    private static String base(ConfigurableApplicationContext context) {
        return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    /** One well-funded account per client, so that clients never wait on each other's row lock. */
    private List<String> openAccounts(String base) throws Exception {
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            HttpResponse<String> opened = post(base, "/api/v1/accounts", UUID.randomUUID().toString(),
                    "{\"currency\":\"EUR\"}");
            String id = JSON.readTree(opened.body()).get("id").asString();
            HttpResponse<String> credited = post(base, "/api/v1/accounts/" + id + "/credits",
                    UUID.randomUUID().toString(), "{\"amount\":100000000000,\"currency\":\"EUR\"}");
            require(credited.statusCode() == 201, "could not fund account: " + credited.body());
            accounts.add(id);
        }
        return accounts;
    }

    private Run freshDebits(String base, List<String> accounts, Duration length, List<Completed> completed)
            throws Exception {
        List<List<Completed>> perClient = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            perClient.add(new ArrayList<>());
        }
        Run run = load(length, client -> {
            String path = "/api/v1/accounts/" + accounts.get(client) + "/debits";
            String key = UUID.randomUUID().toString();
            HttpResponse<String> response = post(base, path, key, DEBIT);
            boolean ok = response.statusCode() == 201 && response.headers().firstValue("Idempotent-Replayed").isEmpty();
            if (ok) {
                perClient.get(client).add(new Completed(path, key));
            }
            return ok;
        });
        perClient.forEach(completed::addAll);
        return run;
    }

    private Run replays(String base, List<Completed> completed, Duration length) throws Exception {
        require(!completed.isEmpty(), "no completed keys to replay");
        return load(length, client -> {
            Completed earlier = completed.get(ThreadLocalRandom.current().nextInt(completed.size()));
            HttpResponse<String> response = post(base, earlier.path(), earlier.key(), DEBIT);
            return response.statusCode() == 201
                    && "true".equals(response.headers().firstValue("Idempotent-Replayed").orElse(null));
        });
    }

    private Run load(Duration length, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CpuTime cpuBefore = CpuTime.now(postgresPort);
            long started = System.nanoTime();
            long deadline = started + length.toNanos();
            List<Future<ClientResult>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int client = i;
                futures.add(pool.submit(() -> {
                    long[] latencies = new long[1 << 12];
                    int count = 0;
                    int errors = 0;
                    while (System.nanoTime() < deadline) {
                        long begin = System.nanoTime();
                        boolean ok = call.run(client);
                        long took = System.nanoTime() - begin;
                        if (!ok) {
                            errors++;
                            continue;
                        }
                        if (count == latencies.length) {
                            latencies = Arrays.copyOf(latencies, count * 2);
                        }
                        latencies[count++] = took;
                    }
                    return new ClientResult(Arrays.copyOf(latencies, count), errors);
                }));
            }
            List<ClientResult> results = new ArrayList<>();
            for (Future<ClientResult> future : futures) {
                results.add(future.get());
            }
            long elapsed = System.nanoTime() - started;
            CpuTime cpu = CpuTime.now(postgresPort).minus(cpuBefore);
            long[] all = results.stream().flatMapToLong(result -> Arrays.stream(result.latencies())).toArray();
            int errors = results.stream().mapToInt(ClientResult::errors).sum();
            return new Run(all, errors, elapsed, cpu);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Redis's own count of bytes per completed record, over a sample of the keys completed in (a). */
    private long[] memoryUsage(ConfigurableApplicationContext context, List<Completed> completed) {
        RedisRecords records = new RedisRecords(context.getBean(StringRedisTemplate.class),
                context.getBean(RedisIdempotencyStore.class));
        int samples = Math.min(1000, completed.size());
        long[] bytes = new long[samples];
        for (int i = 0; i < samples; i++) {
            bytes[i] = records.memoryUsage("alice", completed.get(i * (completed.size() / samples)).key());
        }
        Arrays.sort(bytes);
        return bytes;
    }

    private void report(Measurement a, Measurement b, Measurement c, long[] memory) {
        say("");
        say("%-34s %9s %7s %9s %8s %8s   %s", "scenario", "requests", "errors", "req/s", "p50 ms", "p99 ms",
                "CPU per request");
        for (Measurement measurement : List.of(a, b, c)) {
            Run total = measurement.total();
            say("%-34s %9d %7d %9.0f %8.2f %8.2f   %s", measurement.name, total.latencies().length, total.errors(),
                    total.perSecond(), total.percentile(0.50), total.percentile(0.99), total.cpuPerRequest());
        }
        double filterCost = a.total().perSecond() / b.total().perSecond();
        double replayGain = c.total().perSecond() / a.total().perSecond();
        double average = Arrays.stream(memory).average().orElse(0);
        long max = memory.length == 0 ? 0 : memory[memory.length - 1];
        say("");
        say("(a)/(b) = %.2f   target >= 0.90   %s", filterCost, verdict(filterCost >= 0.90));
        say("(c)/(a) = %.2f   target >= 2.00   %s", replayGain, verdict(replayGain >= 2.0));
        say("The same ratios by CPU per request, which other work on the machine does not skew:");
        say("(a)/(b) = %.2f, (c)/(a) = %.2f", b.total().cpuMillisPerRequest() / a.total().cpuMillisPerRequest(),
                a.total().cpuMillisPerRequest() / c.total().cpuMillisPerRequest());
        say("Redis MEMORY USAGE per completed debit record: avg %.0f B, max %d B over %d records   target <= 512 B   %s",
                average, max, memory.length, verdict(max <= 512));
    }

    private static String verdict(boolean met) {
        return met ? "met" : "MISSED";
    }

    private HttpResponse<String> post(String base, String path, String key, String body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    private static void say(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }

    @FunctionalInterface
    private interface Call {

        /** One request by client {@code client}; whether it was answered as expected. */
        boolean run(int client) throws Exception;
    }

    private record Completed(String path, String key) {
    }

    private record ClientResult(long[] latencies, int errors) {
    }

    /**
     * CPU consumed so far by this JVM (both services and the load generator) and by the PostgreSQL and
     * Redis server processes it started. On a machine shared with other work, throughput follows
     * whatever else runs; CPU per request does not, and says what each path costs.
     */
    private record CpuTime(long jvmNanos, long jitNanos, long postgresNanos, long redisNanos) {

        static CpuTime now(int postgresPort) {
            long jvm = ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
            long jit = ManagementFactory.getCompilationMXBean().getTotalCompilationTime() * 1_000_000;
            long redis = ProcessHandle.current().descendants()
                    .filter(process -> process.info().command().orElse("").contains("redis"))
                    .mapToLong(CpuTime::cpu).sum();
            // PostgreSQL detaches from its starter; find this run's postmaster by its port, then its backends.
            long postgres = ProcessHandle.allProcesses()
                    .filter(process -> process.info().commandLine().orElse("").contains("postgres")
                            && process.info().commandLine().orElse("").contains(" -p " + postgresPort + " "))
                    .mapToLong(postmaster -> cpu(postmaster) + postmaster.descendants().mapToLong(CpuTime::cpu).sum())
                    .sum();
            return new CpuTime(jvm, jit, postgres, redis);
        }

        private static long cpu(ProcessHandle process) {
            return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
        }

        CpuTime minus(CpuTime other) {
            return new CpuTime(jvmNanos - other.jvmNanos, jitNanos - other.jitNanos, postgresNanos - other.postgresNanos,
                    redisNanos - other.redisNanos);
        }

        CpuTime plus(CpuTime other) {
            return new CpuTime(jvmNanos + other.jvmNanos, jitNanos + other.jitNanos, postgresNanos + other.postgresNanos,
                    redisNanos + other.redisNanos);
        }

        long total() {
            return jvmNanos + postgresNanos + redisNanos;
        }
    }

    private record Run(long[] latencies, int errors, long elapsedNanos, CpuTime cpu) {

        /** CPU milliseconds per request spent by each kind of process. */
        String cpuPerRequest() {
            double n = Math.max(1, latencies.length);
            return String.format(Locale.ROOT, "JVM %.2f (JIT %.2f) + PostgreSQL %.2f + Redis %.2f = %.2f ms",
                    cpu.jvmNanos() / n / 1e6, cpu.jitNanos() / n / 1e6, cpu.postgresNanos() / n / 1e6,
                    cpu.redisNanos() / n / 1e6, cpu.total() / n / 1e6);
        }

        double cpuMillisPerRequest() {
            return cpu.total() / Math.max(1.0, latencies.length) / 1e6;
        }

        double perSecond() {
            return latencies.length / (elapsedNanos / 1e9);
        }

        double percentile(double p) {
            if (latencies.length == 0) {
                return 0;
            }
            long[] sorted = latencies.clone();
            Arrays.sort(sorted);
            return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1e6;
        }
    }

    private static final class Measurement {

        private final String name;
        private final List<Run> runs = new ArrayList<>();

        Measurement(String name) {
            this.name = name;
        }

        void add(Run run) {
            runs.add(run);
        }

        Run last() {
            return runs.get(runs.size() - 1);
        }

        Run total() {
            long[] all = runs.stream().flatMapToLong(run -> Arrays.stream(run.latencies())).toArray();
            CpuTime cpu = runs.stream().map(Run::cpu).reduce(new CpuTime(0, 0, 0, 0), CpuTime::plus);
            return new Run(all, runs.stream().mapToInt(Run::errors).sum(),
                    runs.stream().mapToLong(Run::elapsedNanos).sum(), cpu);
        }
    }
}
