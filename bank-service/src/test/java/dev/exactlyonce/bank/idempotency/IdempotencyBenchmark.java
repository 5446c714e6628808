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
import dev.exactlyonce.idempotency.SequencedKey;
import dev.exactlyonce.idempotency.redis.RedisIdempotencyStore;
import dev.exactlyonce.localinfra.ProcessCpu;
import dev.exactlyonce.localinfra.RealServers;
import dev.exactlyonce.localinfra.RedisCluster;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

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
 * <li>replays of keys completed in (a), answered from Redis without reaching the ledger;</li>
 * <li>the debits of (a) with sequenced keys, each client a session of its own that acknowledges every reply it
 *     has (issue 14): the watermark's cost, and the records it leaves behind;</li>
 * <li>the debits of (a) through a third bank-service whose records live on a real Redis Cluster of three masters
 *     and three replicas (local-infra's {@link RedisCluster}), against (a) on the standalone Redis (issue 15). Its
 *     Redis CPU, like every scenario's, is that of all seven redis-servers this run started (the cluster's six,
 *     their replication included, and the standalone one), idle ones included.</li>
 * </ol>
 * (a), (b), (d) and (e) take turns over {@code benchmark.rounds} rounds, in a rotating order, so that drift on a
 * shared machine hits each alike; ratios are reported as the median of the rounds' ratios, with their spread.
 * Then the Redis {@code MEMORY USAGE} of completed debit records is sampled, and what (d)'s sessions left in
 * Redis and in the fence is counted.
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
        RedisCluster cluster = RedisCluster.shared();
        say("and bank-service once more against the Redis Cluster %s", cluster.nodesProperty());
        try (ConfigurableApplicationContext on = start(servers, true, Map.of());
                ConfigurableApplicationContext off = start(servers, false, Map.of());
                ConfigurableApplicationContext onCluster = start(servers, true, cluster.springProperties())) {
            String filtered = base(on);
            String unfiltered = base(off);
            String clustered = base(onCluster);
            List<String> accounts = openAccounts(filtered);
            say("%d clients, %d s per measurement, %d rounds; %d cores, load average %.1f; Java %s", threads,
                    duration.toSeconds(), rounds, Runtime.getRuntime().availableProcessors(),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), System.getProperty("java.version"));

            say("Warming up for %d s ...", warmup.toSeconds() * 3);
            for (int i = 0; i < 4; i++) {
                freshDebits(filtered, accounts, warmup.dividedBy(4), new ArrayList<>());
                freshDebits(unfiltered, accounts, warmup.dividedBy(4), new ArrayList<>());
                freshDebits(clustered, accounts, warmup.dividedBy(4), new ArrayList<>());
            }

            Measurement a = new Measurement("(a) debit, fresh key, filter on");
            Measurement b = new Measurement("(b) debit, filter off");
            Measurement d = new Measurement("(d) (a) with acknowledgements");
            Measurement e = new Measurement("(e) (a) on a Redis Cluster");
            List<Completed> completed = new ArrayList<>();
            Sessions sessions = new Sessions(threads);
            List<Scenario> scenarios = List.of(
                    () -> a.add(freshDebits(filtered, accounts, duration, completed)),
                    () -> b.add(freshDebits(unfiltered, accounts, duration, new ArrayList<>())),
                    () -> d.add(acknowledgedDebits(filtered, accounts, duration, sessions)),
                    () -> e.add(freshDebits(clustered, accounts, duration, new ArrayList<>())));
            for (int round = 1; round <= rounds; round++) {
                // a b d, b d a, d a b, ...: whatever the JIT or the neighbours do meanwhile lands on each alike.
                for (int turn = 0; turn < scenarios.size(); turn++) {
                    scenarios.get((round - 1 + turn) % scenarios.size()).run();
                }
                say("  round %d: (a) %.0f req/s, (b) %.0f req/s, (d) %.0f req/s, (e) %.0f req/s, load average %.1f",
                        round, a.last().perSecond(), b.last().perSecond(), d.last().perSecond(), e.last().perSecond(),
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            }
            Measurement c = new Measurement("(c) replay of a completed key");
            replays(filtered, completed, warmup.dividedBy(4));
            for (int round = 1; round <= rounds; round++) {
                c.add(replays(filtered, completed, duration));
                say("  round %d: (c) %.0f req/s", round, c.last().perSecond());
            }
            long[] memory = memoryUsage(on, completed);

            report(a, b, c, d, e, memory);
            reportLeftBehind(on, sessions);
        }
    }

    /** @param redis properties that point this service at another Redis than the shared standalone one */
    private ConfigurableApplicationContext start(RealServers servers, boolean filter, Map<String, String> redis) {
        Map<String, Object> properties = new HashMap<>(servers.springProperties());
        properties.putAll(redis);
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

    /**
     * (a)'s debits under sequenced keys: client {@code i} is session {@code i}, one operation at a time, so every
     * request acknowledges every reply before it and the server may keep the latest one only.
     */
    private Run acknowledgedDebits(String base, List<String> accounts, Duration length, Sessions sessions)
            throws Exception {
        return load(length, client -> {
            String path = "/api/v1/accounts/" + accounts.get(client) + "/debits";
            SequencedKey key = sessions.next(client);
            HttpResponse<String> response = post(base, path, key.field(key.sequence()), DEBIT);
            return response.statusCode() == 201 && response.headers().firstValue("Idempotent-Replayed").isEmpty();
        });
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

    private void report(Measurement a, Measurement b, Measurement c, Measurement d, Measurement e, long[] memory) {
        say("");
        say("%-34s %9s %7s %9s %8s %8s   %s", "scenario", "requests", "errors", "req/s", "p50 ms", "p99 ms",
                "CPU per request");
        for (Measurement measurement : List.of(a, b, c, d, e)) {
            Run total = measurement.total();
            say("%-34s %9d %7d %9.0f %8.2f %8.2f   %s", measurement.name, total.latencies().length, total.errors(),
                    total.perSecond(), total.percentile(0.50), total.percentile(0.99), total.cpuPerRequest());
        }
        double replayGain = c.total().perSecond() / a.total().perSecond();
        double average = Arrays.stream(memory).average().orElse(0);
        long max = memory.length == 0 ? 0 : memory[memory.length - 1];
        say("");
        say("Ratios per round (median, and the spread of the rounds):");
        Ratio filterCost = Ratio.of(a, b);
        Ratio acknowledgementCost = Ratio.of(d, a);
        say("(a)/(b) = %s   target >= 0.90   %s", filterCost.byThroughput(), verdict(filterCost.throughputMedian() >= 0.90));
        say("(a)/(b) by CPU per request = %s   target >= 0.95 (issue 17)   %s", filterCost.byCpu(),
                verdict(filterCost.cpuMedian() >= 0.95));
        say("(d)/(a) = %s, by CPU per request %s   target >= 0.95 (issue 14)   %s", acknowledgementCost.byThroughput(),
                acknowledgementCost.byCpu(), verdict(acknowledgementCost.throughputMedian() >= 0.95));
        say("(c)/(a) = %.2f   target >= 2.00   %s", replayGain, verdict(replayGain >= 2.0));
        Ratio clusterCost = Ratio.of(e, a);
        say("(e)/(a) = %s, by CPU per request %s   target >= 0.90 (issue 15)   %s", clusterCost.byThroughput(),
                clusterCost.byCpu(), verdict(clusterCost.throughputMedian() >= 0.90));
        say("Redis MEMORY USAGE per completed debit record: avg %.0f B, max %d B over %d records   target <= 512 B   %s",
                average, max, memory.length, verdict(max <= 512));
    }

    /** What (d)'s sessions left in Redis and in the fence, against the operations they completed. */
    private void reportLeftBehind(ConfigurableApplicationContext context, Sessions sessions) {
        StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        long records = 0;
        long fenceRows = 0;
        for (String session : sessions.names()) {
            records += redis.keys("idem:{5:alice:" + session + "}.*").size();
            fenceRows += jdbc.sql("select count(*) from idempotency_record where client = 'alice' and key_session = :s")
                    .param("s", session).query(Long.class).single();
        }
        say("(d) left behind: %d operations in %d sessions (one in flight each) -> %d Redis records, %d fence rows "
                + "(without acknowledgements: %d of each)   target <= 2 per session   %s", sessions.operations(),
                sessions.names().size(), records, fenceRows, sessions.operations(),
                verdict(records <= 2L * sessions.names().size() && fenceRows <= 2L * sessions.names().size()));
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
    private interface Scenario {

        void run() throws Exception;
    }

    /** One session of sequenced keys per client, each counting its own operations. */
    private static final class Sessions {

        private final List<String> names = new ArrayList<>();
        private final long[] sequences;

        Sessions(int clients) {
            for (int i = 0; i < clients; i++) {
                names.add("bench" + UUID.randomUUID().toString().replace("-", ""));
            }
            sequences = new long[clients];
        }

        /** Client {@code client}'s next key; called only by that client's thread. */
        SequencedKey next(int client) {
            return new SequencedKey(names.get(client), ++sequences[client]);
        }

        List<String> names() {
            return names;
        }

        long operations() {
            return Arrays.stream(sequences).sum();
        }
    }

    /** The ratio of two scenarios round by round: by throughput and by CPU per request (cheaper is higher). */
    private record Ratio(double[] throughput, double[] cpu) {

        static Ratio of(Measurement measured, Measurement baseline) {
            int rounds = Math.min(measured.runs.size(), baseline.runs.size());
            double[] throughput = new double[rounds];
            double[] cpu = new double[rounds];
            for (int i = 0; i < rounds; i++) {
                throughput[i] = measured.runs.get(i).perSecond() / baseline.runs.get(i).perSecond();
                cpu[i] = baseline.runs.get(i).cpuMillisPerRequest() / measured.runs.get(i).cpuMillisPerRequest();
            }
            Arrays.sort(throughput);
            Arrays.sort(cpu);
            return new Ratio(throughput, cpu);
        }

        double throughputMedian() {
            return median(throughput);
        }

        double cpuMedian() {
            return median(cpu);
        }

        String byThroughput() {
            return describe(throughput);
        }

        String byCpu() {
            return describe(cpu);
        }

        private static String describe(double[] sorted) {
            return String.format(Locale.ROOT, "%.2f (%.2f-%.2f)", median(sorted), sorted[0], sorted[sorted.length - 1]);
        }

        private static double median(double[] sorted) {
            int n = sorted.length;
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }
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
            // PostgreSQL detaches from its starter; find this run's postmaster by its port, then its backends. Backends
            // and autovacuum workers come and go: the time of one that exited is in the postmaster's reaped children's.
            long postgres = ProcessHandle.allProcesses()
                    .filter(process -> process.info().commandLine().orElse("").contains("postgres")
                            && process.info().commandLine().orElse("").contains(" -p " + postgresPort + " "))
                    .mapToLong(postmaster -> ProcessCpu.of(postmaster.pid()).withEndedChildrenNanos()
                            + postmaster.descendants().mapToLong(CpuTime::cpu).sum())
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
