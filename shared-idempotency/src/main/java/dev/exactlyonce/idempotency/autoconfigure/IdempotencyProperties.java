package dev.exactlyonce.idempotency.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.exactlyonce.idempotency.redis.RedisIdempotencyStore;
import dev.exactlyonce.idempotency.web.IdempotencyFilter;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the Idempotency-Key filter and its Redis store.
 */
@ConfigurationProperties("exactlyonce.idempotency")
public class IdempotencyProperties {

    /**
     * Whether the Idempotency-Key filter is installed. When off, requests reach their handlers as if
     * the starter were absent.
     */
    private boolean enabled = true;

    /**
     * Endpoints that require an Idempotency-Key, in addition to handler methods annotated with
     * {@code @Idempotent}.
     */
    private List<Endpoint> endpoints = new ArrayList<>();

    /**
     * How long a completed request's response is replayed for a retry with the same key.
     */
    private Duration retention = Duration.ofHours(24);

    /**
     * How long a running request holds its key without renewing it. When it lapses (the instance
     * died or paused), the next attempt with the key takes it over and runs.
     */
    private Duration lease = Duration.ofSeconds(10);

    /**
     * How often a running request renews its lease. Defaults to a third of the lease.
     */
    private Duration heartbeat;

    /**
     * Number of threads that renew the leases of all running requests.
     */
    private int heartbeatThreads = 2;

    /**
     * Largest request body accepted on idempotent endpoints; larger ones are answered 413. The whole
     * body is held in memory to fingerprint it.
     */
    private DataSize maxRequestBody = DataSize.ofMegabytes(1);

    /**
     * Largest response body stored for replay. A larger response is sent but not stored, and its key
     * is released, so a retry runs again.
     */
    private DataSize maxStoredResponse = DataSize.ofKilobytes(64);

    /**
     * Response headers replayed in addition to Content-Type, Content-Language and Location.
     * Set-Cookie, Authorization and hop-by-hop headers are refused.
     */
    private List<String> replayedHeaders = new ArrayList<>();

    /**
     * Whether requests without an authenticated principal are allowed; they then share one anonymous
     * key scope. When off, they are answered 401.
     */
    private boolean allowAnonymous = false;

    /**
     * Retry-After sent with 503 when the idempotency store cannot be reached.
     */
    private Duration storeRetryAfter = Duration.ofSeconds(1);

    /**
     * Statuses of the handler's answer that mean the request was refused before the operation started
     * (malformed, unauthenticated, forbidden, unknown target, and the like): such an answer is not
     * stored and its key is released, so a corrected request may reuse the key. Every other answer below
     * 500 (2xx, and business outcomes such as 409 or 422) is stored and replayed; 5xx never is. Only 4xx
     * statuses are accepted. Defaults to 400, 401, 403, 404, 405, 408, 410, 411, 413, 414, 415, 429
     * and 431.
     */
    private Set<Integer> unstoredStatuses = new TreeSet<>(IdempotencyFilter.DEFAULT_UNSTORED_STATUSES);

    /**
     * Order of the filter among the servlet filters. The default places it right after Spring
     * Security's filter chain (-100), so the principal is known.
     */
    private int filterOrder = IdempotencyFilter.DEFAULT_ORDER;

    private final Wait wait = new Wait();

    private final Redis redis = new Redis();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public List<Endpoint> getEndpoints() {
        return endpoints;
    }

    public void setEndpoints(List<Endpoint> endpoints) {
        this.endpoints = endpoints;
    }

    public Duration getRetention() {
        return retention;
    }

    public void setRetention(Duration retention) {
        this.retention = retention;
    }

    public Duration getLease() {
        return lease;
    }

    public void setLease(Duration lease) {
        this.lease = lease;
    }

    public Duration getHeartbeat() {
        return heartbeat;
    }

    public void setHeartbeat(Duration heartbeat) {
        this.heartbeat = heartbeat;
    }

    public int getHeartbeatThreads() {
        return heartbeatThreads;
    }

    public void setHeartbeatThreads(int heartbeatThreads) {
        this.heartbeatThreads = heartbeatThreads;
    }

    public DataSize getMaxRequestBody() {
        return maxRequestBody;
    }

    public void setMaxRequestBody(DataSize maxRequestBody) {
        this.maxRequestBody = maxRequestBody;
    }

    public DataSize getMaxStoredResponse() {
        return maxStoredResponse;
    }

    public void setMaxStoredResponse(DataSize maxStoredResponse) {
        this.maxStoredResponse = maxStoredResponse;
    }

    public List<String> getReplayedHeaders() {
        return replayedHeaders;
    }

    public void setReplayedHeaders(List<String> replayedHeaders) {
        this.replayedHeaders = replayedHeaders;
    }

    public boolean isAllowAnonymous() {
        return allowAnonymous;
    }

    public void setAllowAnonymous(boolean allowAnonymous) {
        this.allowAnonymous = allowAnonymous;
    }

    public Duration getStoreRetryAfter() {
        return storeRetryAfter;
    }

    public void setStoreRetryAfter(Duration storeRetryAfter) {
        this.storeRetryAfter = storeRetryAfter;
    }

    public Set<Integer> getUnstoredStatuses() {
        return unstoredStatuses;
    }

    public void setUnstoredStatuses(Set<Integer> unstoredStatuses) {
        this.unstoredStatuses = unstoredStatuses;
    }

    public int getFilterOrder() {
        return filterOrder;
    }

    public void setFilterOrder(int filterOrder) {
        this.filterOrder = filterOrder;
    }

    public Wait getWait() {
        return wait;
    }

    public Redis getRedis() {
        return redis;
    }

    /** Endpoints chosen by HTTP method and path. */
    public static class Endpoint {

        /**
         * HTTP methods of the endpoint. Empty for every method.
         */
        private List<String> methods = new ArrayList<>(List.of("POST"));

        /**
         * Path patterns within the application, in @RequestMapping syntax, for example
         * /api/v1/accounts/{id}/debits or /api/v1/payments/**.
         */
        private List<String> paths = new ArrayList<>();

        public List<String> getMethods() {
            return methods;
        }

        public void setMethods(List<String> methods) {
            this.methods = methods;
        }

        public List<String> getPaths() {
            return paths;
        }

        public void setPaths(List<String> paths) {
            this.paths = paths;
        }
    }

    /** Waiting for a running first request instead of answering 409 at once. */
    public static class Wait {

        /**
         * Whether a request that finds its key in progress waits (bounded by the timeout) for the first
         * request to finish and replays its response, instead of answering 409 at once. A waiting
         * request holds its server thread.
         */
        private boolean enabled = false;

        /**
         * How long a request waits at most before it is answered 409.
         */
        private Duration timeout = Duration.ofSeconds(5);

        /**
         * How often a waiting request looks at the record again.
         */
        private Duration pollInterval = Duration.ofMillis(50);

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        public Duration getPollInterval() {
            return pollInterval;
        }

        public void setPollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
        }
    }

    /** The Redis store. */
    public static class Redis {

        /**
         * Prefix of every record key, so that records are easy to find and cannot collide with the
         * application's own keys.
         */
        private String keyPrefix = RedisIdempotencyStore.DEFAULT_KEY_PREFIX;

        /**
         * How long a completed response may wait before it is written to Redis, so that it shares the
         * round trip of the next request's claim. Zero writes it before the response is sent. While it
         * waits, a retry that reaches another instance is answered 409 (key in use); one that reaches
         * this instance is replayed.
         */
        private Duration completionWindow = Duration.ZERO;

        /**
         * Write records the way earlier builds of the starter did (the whole 32-byte fingerprint, replies deflated
         * without the dictionary), which those builds can read; this one reads both. Turn it on for a rolling
         * upgrade from such a build and off once none of its instances is left: until then an earlier instance would
         * answer a retry of a key that this one stored 422, as if the key had been reused for another request.
         * Builds from before record keys had Redis Cluster hash tags name records differently: no setting bridges
         * those.
         */
        private boolean earlierRecordLayout;

        public String getKeyPrefix() {
            return keyPrefix;
        }

        public void setKeyPrefix(String keyPrefix) {
            this.keyPrefix = keyPrefix;
        }

        public Duration getCompletionWindow() {
            return completionWindow;
        }

        public void setCompletionWindow(Duration completionWindow) {
            this.completionWindow = completionWindow;
        }

        public boolean isEarlierRecordLayout() {
            return earlierRecordLayout;
        }

        public void setEarlierRecordLayout(boolean earlierRecordLayout) {
            this.earlierRecordLayout = earlierRecordLayout;
        }
    }
}
