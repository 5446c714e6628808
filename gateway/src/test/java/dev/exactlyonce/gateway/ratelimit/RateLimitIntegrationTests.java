package dev.exactlyonce.gateway.ratelimit;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.exactlyonce.gateway.support.GatewayHttp;
import dev.exactlyonce.gateway.support.GatewayInstance;
import dev.exactlyonce.gateway.support.StubUpstream;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two gateway replicas on the JVM's real Redis, and a third whose Redis is gone, all in front of the stub.
 * The replicas trust {@code X-Forwarded-For} from loopback ({@code server.forward-headers-strategy=native}),
 * as a gateway behind a proxy would: every test calls "from" an address of its own, so that no test shares
 * a bucket with another, and no bucket with a different size lands on the address the other test contexts
 * share (127.0.0.1).
 */
@ExtendWith(OutputCaptureExtension.class)
class RateLimitIntegrationTests {

    static final int CLIENT_CAPACITY = 3;

    static final int ADDRESS_CAPACITY = 5;

    /** One token per 60s / 3 for a client. */
    static final String CLIENT_RETRY_AFTER = "20";

    /** One token per 60s / 5 for an address. */
    static final String ADDRESS_RETRY_AFTER = "12";

    static GatewayInstance first;

    static GatewayInstance second;

    static GatewayInstance withoutRedis;

    StubUpstream upstream = StubUpstream.shared();

    @BeforeAll
    static void startGateways() throws IOException {
        // Redis timeouts are generous here: a first connect that is slow on a loaded machine must not let calls
        // pass uncounted (fail-open) in a test that counts them. Production keeps its short ones.
        String[] replica = { "server.forward-headers-strategy=native", "spring.data.redis.connect-timeout=5s",
                "spring.data.redis.timeout=5s", "gateway.rate-limit.timeout=5s",
                "gateway.rate-limit.client.capacity=" + CLIENT_CAPACITY,
                "gateway.rate-limit.client.refill-tokens=" + CLIENT_CAPACITY, "gateway.rate-limit.client.refill-period=60s",
                "gateway.rate-limit.address.capacity=" + ADDRESS_CAPACITY,
                "gateway.rate-limit.address.refill-tokens=" + ADDRESS_CAPACITY,
                "gateway.rate-limit.address.refill-period=60s" };
        first = GatewayInstance.start(replica);
        second = GatewayInstance.start(replica);
        withoutRedis = GatewayInstance.start("spring.data.redis.port=" + closedPort());
        // Opens each replica's Redis connection before any test counts on it.
        for (GatewayInstance gateway : new GatewayInstance[] { first, second }) {
            assertThat(from(gateway, newAddress(), newToken()).status()).isEqualTo(200);
            assertThat(gateway.meters().counter("gateway.ratelimit.calls", "outcome", "store-error").count())
                    .as("calls that Redis could not count").isZero();
        }
    }

    @AfterAll
    static void stopGateways() {
        for (GatewayInstance gateway : new GatewayInstance[] { first, second, withoutRedis }) {
            if (gateway != null) {
                gateway.close();
            }
        }
    }

    @BeforeEach
    void setUp() {
        upstream.reset();
    }

    @Test
    void answers429ProblemWithRetryAfterOnceAClientHasUsedUpItsBucket() {
        String address = newAddress();
        String token = newToken();
        for (int i = 0; i < CLIENT_CAPACITY; i++) {
            assertThat(from(first, address, token).status()).isEqualTo(200);
        }

        GatewayHttp.Reply limited = from(first, address, token);

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(limited.json().get("type").asString()).isEqualTo("https://exactly-once.dev/problems/rate-limited");
        assertThat(limited.json().get("status").asInt()).isEqualTo(429);
        assertThat(limited.json().get("title").asString()).isEqualTo("Too many requests");
        assertThat(limited.header("Retry-After")).isEqualTo(CLIENT_RETRY_AFTER);
        assertThat(upstream.received()).as("calls that reached the upstream").hasSize(CLIENT_CAPACITY);
    }

    @Test
    void inventedTokensFromOneAddressShareTheAddressBucket() {
        String address = newAddress();
        for (int i = 0; i < ADDRESS_CAPACITY; i++) {
            assertThat(from(first, address, newToken()).status()).isEqualTo(200);
        }

        GatewayHttp.Reply limited = from(first, address, newToken());
        GatewayHttp.Reply elsewhere = from(first, newAddress(), newToken());

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json().get("type").asString()).isEqualTo("https://exactly-once.dev/problems/rate-limited");
        assertThat(limited.header("Retry-After")).isEqualTo(ADDRESS_RETRY_AFTER);
        assertThat(elsewhere.status()).as("a new token from another address").isEqualTo(200);
        assertThat(upstream.received()).hasSize(ADDRESS_CAPACITY + 1);
    }

    @Test
    void gatewayReplicasTakeFromOneBucketInRedis() {
        String address = newAddress();
        String token = newToken();
        for (int i = 0; i < CLIENT_CAPACITY; i++) {
            assertThat(from(i % 2 == 0 ? first : second, address, token).status()).isEqualTo(200);
        }

        assertThat(from(second, address, token).status()).isEqualTo(429);
        assertThat(from(first, address, token).status()).isEqualTo(429);
        assertThat(upstream.received()).hasSize(CLIENT_CAPACITY);
    }

    @Test
    void letsCallsPassWhileRedisIsUnreachableWarningOnceAndCountingThem(CapturedOutput output) {
        double before = withoutRedis.meters().counter("gateway.ratelimit.calls", "outcome", "store-error").count();
        String token = newToken();
        int calls = 2 * CLIENT_CAPACITY;

        for (int i = 0; i < calls; i++) {
            assertThat(withoutRedis.http().get(token, "/api/v1/accounts").status()).isEqualTo(200);
        }

        assertThat(upstream.received()).hasSize(calls);
        assertThat(withoutRedis.meters().counter("gateway.ratelimit.calls", "outcome", "store-error").count() - before)
                .isEqualTo(calls);
        assertThat(output.getAll().split("Rate limits cannot be counted", -1)).as("warnings in this outage")
                .hasSize(2);
    }

    private static GatewayHttp.Reply from(GatewayInstance gateway, String address, String token) {
        return gateway.http().send(gateway.http().request(token, "/api/v1/accounts").header("X-Forwarded-For", address).GET());
    }

    /** An address of the documentation range (2001:db8::/32), new for each test. */
    private static String newAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "2001:db8:%x:%x:%x:%x:%x:%x".formatted(random.nextInt(0x10000), random.nextInt(0x10000),
                random.nextInt(0x10000), random.nextInt(0x10000), random.nextInt(0x10000), random.nextInt(0x10000));
    }

    private static String newToken() {
        return "rate-client-" + UUID.randomUUID();
    }

    /** A port nothing listens on: a connection to it is refused at once. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
