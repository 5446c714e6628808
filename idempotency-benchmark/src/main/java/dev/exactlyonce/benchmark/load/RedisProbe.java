package dev.exactlyonce.benchmark.load;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import redis.clients.jedis.Jedis;

/**
 * What the load generator asks Redis about itself, on a connection of its own: the server's process id, the
 * commands it has run ({@code INFO commandstats}) and the memory a record takes ({@code MEMORY USAGE}).
 */
final class RedisProbe implements AutoCloseable {

    /** The probe's own commands, left out of the counts. */
    private static final Set<String> OWN = Set.of("info", "memory", "ping", "command", "hello");

    private final Jedis jedis;

    RedisProbe(String host, int port) {
        this.jedis = new Jedis(host, port);
    }

    long pid() {
        return Long.parseLong(field(jedis.info("server"), "process_id"));
    }

    /** Calls so far by command name, without the probe's own. */
    Map<String, Long> calls() {
        return calls(jedis.info("commandstats"));
    }

    /** Parses {@code INFO commandstats}: lines such as {@code cmdstat_evalsha:calls=12,usec=340,...}. */
    static Map<String, Long> calls(String info) {
        Map<String, Long> calls = new HashMap<>();
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("cmdstat_")) {
                String command = line.substring("cmdstat_".length(), line.indexOf(':'));
                int from = line.indexOf("calls=") + "calls=".length();
                int to = line.indexOf(',', from);
                if (!OWN.contains(command)) {
                    calls.put(command, Long.parseLong(line.substring(from, to < 0 ? line.length() : to)));
                }
            }
        }
        return calls;
    }

    static Map<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> delta = new HashMap<>();
        after.forEach((command, count) -> {
            long calls = count - before.getOrDefault(command, 0L);
            if (calls > 0) {
                delta.put(command, calls);
            }
        });
        return delta;
    }

    /** Bytes Redis uses for a key and its value, or -1 when there is no such key. */
    long memoryUsage(String key) {
        Long bytes = jedis.memoryUsage(key);
        return bytes == null ? -1 : bytes;
    }

    private static String field(String info, String name) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1).trim();
            }
        }
        throw new IllegalStateException("Redis INFO has no " + name);
    }

    @Override
    public void close() {
        jedis.close();
    }
}
