package dev.exactlyonce.benchmark.load;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What one scenario did in one stretch of time: each answered request's latency, the errors, and the CPU and
 * Redis commands spent meanwhile.
 *
 * @param latencies nanoseconds per successful request
 * @param appCpuNanos CPU of the application's JVM
 * @param appSystemNanos the part of it spent in the kernel (system calls, scheduling)
 * @param appJitNanos the part of it spent by the JIT compiler threads
 * @param redisCpuNanos CPU of the Redis server
 * @param redisCalls Redis commands called meanwhile, by command name
 */
record Measurement(long[] latencies, int errors, long elapsedNanos, long appCpuNanos, long appSystemNanos,
        long appJitNanos, long redisCpuNanos,
        Map<String, Long> redisCalls) {

    static Measurement sum(Iterable<Measurement> measurements) {
        long[] latencies = new long[0];
        int errors = 0;
        long elapsed = 0;
        long app = 0;
        long appSystem = 0;
        long appJit = 0;
        long redis = 0;
        Map<String, Long> calls = new HashMap<>();
        for (Measurement measurement : measurements) {
            long[] joined = Arrays.copyOf(latencies, latencies.length + measurement.latencies.length);
            System.arraycopy(measurement.latencies, 0, joined, latencies.length, measurement.latencies.length);
            latencies = joined;
            errors += measurement.errors;
            elapsed += measurement.elapsedNanos;
            app += measurement.appCpuNanos;
            appSystem += measurement.appSystemNanos;
            appJit += measurement.appJitNanos;
            redis += measurement.redisCpuNanos;
            measurement.redisCalls.forEach((command, count) -> calls.merge(command, count, Long::sum));
        }
        return new Measurement(latencies, errors, elapsed, app, appSystem, appJit, redis, calls);
    }

    int requests() {
        return latencies.length;
    }

    double perSecond() {
        return requests() / (elapsedNanos / 1e9);
    }

    /** Application JVM plus Redis, in milliseconds per request. */
    double cpuMillisPerRequest() {
        return (appCpuNanos + redisCpuNanos) / 1e6 / Math.max(1, requests());
    }

    /**
     * Application JVM without its JIT compiler threads, plus Redis, in milliseconds per request: the cost compared
     * across scenarios, steady once the code is compiled.
     */
    double steadyCpuMillisPerRequest() {
        return (appCpuNanos - appJitNanos + redisCpuNanos) / 1e6 / Math.max(1, requests());
    }

    double appJitMillisPerRequest() {
        return appJitNanos / 1e6 / Math.max(1, requests());
    }

    double appCpuMillisPerRequest() {
        return appCpuNanos / 1e6 / Math.max(1, requests());
    }

    double appSystemMillisPerRequest() {
        return appSystemNanos / 1e6 / Math.max(1, requests());
    }

    double redisCpuMillisPerRequest() {
        return redisCpuNanos / 1e6 / Math.max(1, requests());
    }

    double percentileMillis(double p) {
        if (latencies.length == 0) {
            return 0;
        }
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] / 1e6;
    }

    /** Redis commands per request, for example {@code evalsha 2.00}. */
    String redisCallsPerRequest() {
        if (redisCalls.isEmpty()) {
            return "-";
        }
        StringBuilder text = new StringBuilder();
        redisCalls.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> text
                .append(text.isEmpty() ? "" : ", ")
                .append(String.format(Locale.ROOT, "%s %.2f", entry.getKey(), entry.getValue() / (double) Math.max(1, requests()))));
        return text.toString();
    }
}
