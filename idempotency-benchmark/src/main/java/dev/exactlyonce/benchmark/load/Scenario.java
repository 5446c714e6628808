package dev.exactlyonce.benchmark.load;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One kind of request the clients send over and over: which endpoint, and whether each request carries a fresh
 * key or replays a key that an earlier fresh scenario completed.
 *
 * @param name as given in {@code benchmark.scenarios}
 * @param path the endpoint
 * @param replayOf the fresh scenario whose completed keys this one replays; {@code null} for fresh keys
 */
record Scenario(String name, String label, String path, Scenario replayOf) {

    static final Scenario PLAIN = new Scenario("plain", "plain (no idempotency)", "/plain/orders", null);
    static final Scenario REDIS = new Scenario("redis", "fresh key, Redis, window 0", "/redis/orders", null);
    static final Scenario REDIS_WINDOW = new Scenario("redis-window", "fresh key, Redis, window %s",
            "/redis-window/orders", null);
    static final Scenario MEMORY = new Scenario("memory", "fresh key, in-memory store", "/memory/orders", null);
    static final Scenario REDIS_REPLAY = new Scenario("redis-replay", "replay, Redis", "/redis/orders", REDIS);
    static final Scenario MEMORY_REPLAY = new Scenario("memory-replay", "replay, in-memory store", "/memory/orders",
            MEMORY);

    static final List<Scenario> ALL = List.of(PLAIN, REDIS, REDIS_WINDOW, MEMORY, REDIS_REPLAY, MEMORY_REPLAY);

    /** The scenarios named in a comma-separated list, in the order of {@link #ALL}. */
    static List<Scenario> parse(String names) {
        List<String> wanted = Arrays.stream(names.split(",")).map(String::trim).filter(name -> !name.isEmpty()).toList();
        for (String name : wanted) {
            if (ALL.stream().noneMatch(scenario -> scenario.name.equals(name))) {
                throw new IllegalArgumentException("Unknown scenario '" + name + "'; known: "
                        + ALL.stream().map(Scenario::name).toList());
            }
        }
        return ALL.stream().filter(scenario -> wanted.contains(scenario.name)
                || (scenario.replayOf == null && wanted.stream().anyMatch(name -> name.equals(scenario.name + "-replay"))))
                .toList();
    }

    boolean replays() {
        return replayOf != null;
    }

    String label(String window) {
        return String.format(Locale.ROOT, label, window);
    }
}
