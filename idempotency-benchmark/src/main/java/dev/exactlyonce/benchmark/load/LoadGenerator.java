package dev.exactlyonce.benchmark.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import dev.exactlyonce.benchmark.app.BenchmarkApplication;
import dev.exactlyonce.idempotency.IdempotencyKey;
import dev.exactlyonce.idempotency.RecordId;
import dev.exactlyonce.idempotency.redis.RedisIdempotencyStore;
import dev.exactlyonce.localinfra.ChildProcesses;
import dev.exactlyonce.localinfra.EmbeddedServers;
import dev.exactlyonce.localinfra.ProcessCpu;
import dev.exactlyonce.localinfra.RedisServer;

import org.springframework.data.redis.connection.jedis.JedisConnectionFactory;

/**
 * The starter-only benchmark (issue 17): what the Idempotency-Key starter costs per request on a trivial handler,
 * against the same handler without it and against the starter on an in-memory store.
 *
 * <p>It starts a real Redis 6.2 (local-infra) and {@link BenchmarkApplication} in a JVM of its own, then drives
 * {@code benchmark.clients} closed-loop clients (each one request at a time on its own kept-alive connection)
 * through every scenario, in rounds whose order rotates so that drift on a shared machine lands on each alike.
 * Per scenario it reports requests/s, p50/p99 latency, CPU per request of the application's JVM and of Redis (from
 * {@code /proc/<pid>/stat}, with the kernel's and the JIT compiler threads' shares), and Redis commands per request
 * ({@code INFO commandstats} deltas); then the costs (CPU per request without the JIT compiler's, which is warm-up
 * noise) relative to the plain endpoint and to the in-memory store, each as the median of the rounds' ratios with their
 * spread, and Redis's {@code MEMORY USAGE} of completed records. Keys are 36 characters, as a UUID, and every
 * request is in the anonymous scope (no security in the application). The load generator's own CPU is in neither figure.
 */
public final class LoadGenerator {

    private static final byte[] BODY = "{\"item\":\"book\",\"quantity\":1}".getBytes(StandardCharsets.UTF_8);
    /** Completed keys kept per scenario for replays; plenty to spread replays over many records. */
    private static final int KEPT_KEYS = 200_000;

    private final List<Integer> clientCounts = Arrays.stream(System.getProperty("benchmark.clients", "8,32").split(","))
            .map(String::trim).map(Integer::valueOf).toList();
    private final Duration length = Duration.ofSeconds(Long.getLong("benchmark.seconds", 5));
    private final Duration warmup = Duration.ofSeconds(Long.getLong("benchmark.warmup-seconds", 5));
    private final int rounds = Integer.getInteger("benchmark.rounds", 4);
    private final List<Scenario> scenarios = Scenario.parse(System.getProperty("benchmark.scenarios",
            "plain,redis,redis-window,memory,redis-replay,memory-replay"));
    private final String window = System.getProperty("benchmark.window", "20ms");
    private final String jfr = System.getProperty("benchmark.jfr", "");
    private final Optional<AsyncProfiler> profiler = AsyncProfiler.configured();
    /** Further arguments for the application, for example {@code --spring.threads.virtual.enabled=true}. */
    private final List<String> appArgs = Arrays.stream(System.getProperty("benchmark.app-args", "").split(" "))
            .filter(arg -> !arg.isBlank()).toList();
    private final Map<Scenario, List<String>> completed = new HashMap<>();
    /** Numbers the runs, so that fresh keys never repeat: run and client in the high half of a UUID. */
    private long runs;

    private LoadGenerator() {
    }

    public static void main(String[] args) throws Exception {
        new LoadGenerator().run();
        System.exit(0);
    }

    private void run() throws Exception {
        RedisServer redis = EmbeddedServers.redis(0);
        Process app = null;
        try (RedisProbe probe = new RedisProbe(redis.host(), redis.port())) {
            int port = EmbeddedServers.freePort();
            app = startApplication(redis, port);
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
            awaitReady(address, app);
            Targets targets = new Targets(app.pid(), probe);
            say("Application pid %d on port %d, Redis 6.2 pid %d on port %d; %d cores, load average %.1f; Java %s",
                    app.pid(), port, targets.redisPid(), redis.port(), Runtime.getRuntime().availableProcessors(),
                    load(), System.getProperty("java.version"));
            say("Scenarios %s; %d rounds of %d s each after %d s of warm-up per scenario; clients %s", scenarios.stream()
                    .map(Scenario::name).toList(), rounds, length.toSeconds(), warmup.toSeconds(), clientCounts);
            List<String> summary = new ArrayList<>();
            for (int clients : clientCounts) {
                summary.addAll(measure(address, targets, clients));
            }
            summary.addAll(recordSizes(probe));
            say("");
            say("Summary");
            summary.forEach(LoadGenerator::say);
        } finally {
            if (app != null) {
                ChildProcesses.stop(app);
            }
            redis.stop();
        }
    }

    private List<String> measure(InetSocketAddress address, Targets targets, int clients) throws Exception {
        say("");
        say("%d clients: warming up ...", clients);
        for (Scenario scenario : scenarios) {
            run(address, targets, scenario, clients, warmup);
        }
        Map<Scenario, List<Measurement>> measured = new LinkedHashMap<>();
        scenarios.forEach(scenario -> measured.put(scenario, new ArrayList<>()));
        if (profiler.isPresent()) {
            profiler.get().start(targets.appPid());
        }
        for (int round = 0; round < rounds; round++) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  round %d:", round + 1));
            for (int turn = 0; turn < scenarios.size(); turn++) {
                Scenario scenario = scenarios.get((round + turn) % scenarios.size());
                Measurement measurement = run(address, targets, scenario, clients, length);
                measured.get(scenario).add(measurement);
                line.append(String.format(Locale.ROOT, " %s %.0f/s %.3f ms;", scenario.name(),
                        measurement.perSecond(), measurement.steadyCpuMillisPerRequest()));
            }
            say("%s load average %.1f", line, load());
        }
        if (profiler.isPresent()) {
            say("async-profiler's flame graph of these rounds: %s", profiler.get().stop(targets.appPid(), clients));
        }
        say("");
        say("%d clients                       %9s %6s %8s %7s %7s   %-68s %s", clients, "requests", "errors", "req/s",
                "p50 ms", "p99 ms", "CPU ms per request", "Redis commands per request");
        for (Map.Entry<Scenario, List<Measurement>> entry : measured.entrySet()) {
            Measurement total = Measurement.sum(entry.getValue());
            say("%-32s %9d %6d %8.0f %7.2f %7.2f   %-68s %s", entry.getKey().label(window), total.requests(),
                    total.errors(), total.perSecond(), total.percentileMillis(0.50), total.percentileMillis(0.99),
                    String.format(Locale.ROOT, "app %.3f (kernel %.3f, JIT %.3f) + Redis %.3f = %.3f; no JIT %.3f",
                            total.appCpuMillisPerRequest(), total.appSystemMillisPerRequest(),
                            total.appJitMillisPerRequest(),
                            total.redisCpuMillisPerRequest(), total.cpuMillisPerRequest(),
                            total.steadyCpuMillisPerRequest()),
                    total.redisCallsPerRequest());
        }
        return ratios(clients, measured);
    }

    /** Costs (CPU per request, application + Redis) relative to the plain endpoint and to the in-memory floor. */
    private List<String> ratios(int clients, Map<Scenario, List<Measurement>> measured) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%d clients, cost by CPU per request (app without JIT + Redis), median of "
                + "%d rounds (spread):", clients, rounds));
        List<Goal> goals = List.of(
                new Goal(Scenario.REDIS, Scenario.PLAIN, 2.0),
                new Goal(Scenario.REDIS_WINDOW, Scenario.PLAIN, 2.0),
                new Goal(Scenario.MEMORY, Scenario.PLAIN, Double.NaN),
                new Goal(Scenario.REDIS_REPLAY, Scenario.PLAIN, 1.3),
                new Goal(Scenario.MEMORY_REPLAY, Scenario.PLAIN, Double.NaN),
                new Goal(Scenario.REDIS, Scenario.MEMORY, 1.3),
                new Goal(Scenario.REDIS_WINDOW, Scenario.MEMORY, 1.3));
        for (Goal goal : goals) {
            List<Measurement> measuredRuns = measured.get(goal.measured());
            List<Measurement> baselineRuns = measured.get(goal.baseline());
            if (measuredRuns == null || baselineRuns == null) {
                continue;
            }
            double[] byCpu = new double[measuredRuns.size()];
            double[] byThroughput = new double[measuredRuns.size()];
            for (int i = 0; i < byCpu.length; i++) {
                byCpu[i] = measuredRuns.get(i).steadyCpuMillisPerRequest()
                        / baselineRuns.get(i).steadyCpuMillisPerRequest();
                byThroughput[i] = baselineRuns.get(i).perSecond() / measuredRuns.get(i).perSecond();
            }
            Arrays.sort(byCpu);
            Arrays.sort(byThroughput);
            String target = Double.isNaN(goal.atMost()) ? ""
                    : String.format(Locale.ROOT, "   goal <= %.1f: %s", goal.atMost(),
                            median(byCpu) <= goal.atMost() ? "met" : "MISSED");
            lines.add(String.format(Locale.ROOT, "  %-30s / %-22s %s (by req/s %s)%s", goal.measured().label(window),
                    goal.baseline().label(window), spread(byCpu), spread(byThroughput), target));
        }
        return lines;
    }

    /** Redis's own count of the bytes a completed record takes, over a sample of the Redis scenario's keys. */
    private List<String> recordSizes(RedisProbe probe) {
        List<String> keys = completed.getOrDefault(Scenario.REDIS, List.of());
        if (keys.isEmpty()) {
            return List.of();
        }
        // The store names its keys; it is built here only for that, and never connects.
        RedisIdempotencyStore names = new RedisIdempotencyStore(new JedisConnectionFactory(),
                RedisIdempotencyStore.DEFAULT_KEY_PREFIX);
        int samples = Math.min(1000, keys.size());
        long[] bytes = new long[samples];
        for (int i = 0; i < samples; i++) {
            String key = names.redisKey(new RecordId(RecordId.ANONYMOUS_SCOPE,
                    new IdempotencyKey(keys.get(i * (keys.size() / samples)))));
            bytes[i] = probe.memoryUsage(key);
            if (bytes[i] < 0) {
                return List.of("Redis MEMORY USAGE: no record under " + key + ", which a completed request left");
            }
        }
        Arrays.sort(bytes);
        return List.of(String.format(Locale.ROOT, "Redis MEMORY USAGE per completed record: median %d B, max %d B over "
                + "%d records   goal <= 320 B: %s", bytes[samples / 2], bytes[samples - 1], samples,
                bytes[samples - 1] <= 320 ? "met" : "MISSED"));
    }

    private Measurement run(InetSocketAddress address, Targets targets, Scenario scenario, int clients, Duration time)
            throws Exception {
        List<String> replayable = scenario.replays() ? completed.getOrDefault(scenario.replayOf(), List.of()) : null;
        if (replayable != null && replayable.isEmpty()) {
            throw new IllegalStateException(scenario.name() + " has no completed keys to replay");
        }
        long run = ++runs;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            CountDownLatch ready = new CountDownLatch(clients);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Client>> futures = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                long clientBits = run << 16 | i;
                futures.add(pool.submit(() -> {
                    Client client = new Client();
                    try (HttpConnection connection = new HttpConnection(address)) {
                        ready.countDown();
                        go.await();
                        long deadline = System.nanoTime() + time.toNanos();
                        for (long n = 0; System.nanoTime() < deadline; n++) {
                            String key = replayable == null ? new UUID(clientBits, n).toString()
                                    : replayable.get(ThreadLocalRandom.current().nextInt(replayable.size()));
                            long begin = System.nanoTime();
                            HttpConnection.Response response;
                            try {
                                response = connection.post(scenario.path(), key, BODY);
                            } catch (IOException ex) {
                                client.errors++;
                                connection.close();
                                continue;
                            }
                            long took = System.nanoTime() - begin;
                            if (response.status() == 201 && response.replayed() == (replayable != null)) {
                                client.took(took, key);
                            } else {
                                client.errors++;
                            }
                        }
                    }
                    return client;
                }));
            }
            ready.await();
            Map<String, Long> callsBefore = targets.probe().calls();
            Map<Long, Long> compilersBefore = ProcessCpu.compilerThreads(targets.appPid());
            ProcessCpu.Times appBefore = ProcessCpu.of(targets.appPid());
            ProcessCpu.Times redisBefore = ProcessCpu.of(targets.redisPid());
            long started = System.nanoTime();
            go.countDown();
            List<Client> results = new ArrayList<>();
            for (Future<Client> future : futures) {
                results.add(future.get());
            }
            long elapsed = System.nanoTime() - started;
            ProcessCpu.Times app = ProcessCpu.of(targets.appPid()).minus(appBefore);
            long jit = ProcessCpu.compilerNanosBetween(compilersBefore, ProcessCpu.compilerThreads(targets.appPid()));
            long redisCpu = ProcessCpu.of(targets.redisPid()).minus(redisBefore).totalNanos();
            Map<String, Long> calls = RedisProbe.minus(targets.probe().calls(), callsBefore);
            if (replayable == null && !scenario.equals(Scenario.PLAIN)) {
                List<String> kept = completed.computeIfAbsent(scenario, ignored -> new ArrayList<>());
                for (Client client : results) {
                    for (int i = 0; i < client.keys.size() && kept.size() < KEPT_KEYS; i++) {
                        kept.add(client.keys.get(i));
                    }
                }
            }
            long[] latencies = results.stream().flatMapToLong(client -> Arrays.stream(client.latencies, 0, client.count))
                    .toArray();
            int errors = results.stream().mapToInt(client -> client.errors).sum();
            return new Measurement(latencies, errors, elapsed, app.totalNanos(), app.systemNanos(), jit, redisCpu,
                    calls);
        } finally {
            pool.shutdownNow();
        }
    }

    private Process startApplication(RedisServer redis, int port) throws IOException {
        List<String> command = new ArrayList<>(List.of(ChildProcesses.java(), "-Xms1g", "-Xmx1g"));
        if (!jfr.isBlank()) {
            command.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile,dumponexit=true");
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchmarkApplication.class.getName(),
                "--server.port=" + port,
                "--spring.data.redis.host=" + redis.host(),
                "--spring.data.redis.port=" + redis.port(),
                "--exactlyonce.idempotency.redis.completion-window=0",
                "--benchmark.window=" + window));
        command.addAll(appArgs);
        Path log = Files.createTempFile("idempotency-benchmark-app", ".log");
        say("Starting the application (log: %s)%s", log, jfr.isBlank() ? "" : ", recording a JFR profile to " + jfr);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void awaitReady(InetSocketAddress address, Process app) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!app.isAlive()) {
                throw new IllegalStateException("The application exited with " + app.exitValue() + "; see its log");
            }
            try (HttpConnection connection = new HttpConnection(address)) {
                if (connection.post(Scenario.PLAIN.path(), null, BODY).status() == 201) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("The application did not answer within 3 minutes");
    }

    private static String spread(double[] sorted) {
        return String.format(Locale.ROOT, "%.2f (%.2f-%.2f)", median(sorted), sorted[0], sorted[sorted.length - 1]);
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void say(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }

    /** The processes whose CPU is measured, and Redis's view of its own work. */
    private record Targets(long appPid, long redisPid, RedisProbe probe) {

        Targets(long appPid, RedisProbe probe) {
            this(appPid, probe.pid(), probe);
        }
    }

    /** A cost compared with a baseline's, and the goal it has in issue 17 (NaN when none). */
    private record Goal(Scenario measured, Scenario baseline, double atMost) {
    }

    /** One client's results; only its own thread writes them. */
    private static final class Client {

        long[] latencies = new long[1 << 14];
        int count;
        int errors;
        final List<String> keys = new ArrayList<>();

        void took(long nanos, String key) {
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = nanos;
            if (keys.size() < KEPT_KEYS) {
                keys.add(key);
            }
        }
    }
}
