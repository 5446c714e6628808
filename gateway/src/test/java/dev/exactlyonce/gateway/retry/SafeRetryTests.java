package dev.exactlyonce.gateway.retry;

import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import dev.exactlyonce.gateway.keys.IdempotencyKeyProperties;
import dev.exactlyonce.gateway.keys.KeyedEndpoints;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The retry decisions that a real upstream cannot easily stage: connections refused, reads timing out. */
class SafeRetryTests {

    static final String DEBITS = "/api/v1/accounts/0b5b7c1e-0000-4000-8000-000000000001/debits";

    SimpleMeterRegistry meters = new SimpleMeterRegistry();

    SafeRetry retry = retry(Duration.ofMillis(1));

    @Test
    void retriesAConnectFailureOfAGet() throws Exception {
        Upstream upstream = new Upstream(refused(), refused(), null);

        ServerResponse response = retry.filter(request("GET", "/api/v1/accounts", null), upstream);

        assertThat(response.statusCode().value()).isEqualTo(200);
        assertThat(upstream.calls()).isEqualTo(3);
        assertThat(meters.counter("gateway.upstream.retries", "reason", "connect failure").count()).isEqualTo(2);
    }

    @Test
    void retriesAConnectFailureOfAKeyedPost() throws Exception {
        Upstream upstream = new Upstream(refused(), null);

        ServerResponse response = retry.filter(request("POST", DEBITS, "key-1"), upstream);

        assertThat(response.statusCode().value()).isEqualTo(200);
        assertThat(upstream.calls()).isEqualTo(2);
    }

    @Test
    void retriesAConnectFailureOfAKeyedAccountOpening() throws Exception {
        Upstream upstream = new Upstream(refused(), null);

        ServerResponse response = retry.filter(request("POST", "/api/v1/accounts", "open-1"), upstream);

        assertThat(response.statusCode().value()).isEqualTo(200);
        assertThat(upstream.calls()).isEqualTo(2);
    }

    @Test
    void neverRetriesAPostWithoutKeyEvenWhenNothingWasSent() {
        Upstream upstream = new Upstream(refused(), null);

        assertThatExceptionOfType(ResourceAccessException.class)
                .isThrownBy(() -> retry.filter(request("POST", "/api/v1/accounts", null), upstream));
        assertThat(upstream.calls()).isEqualTo(1);
    }

    @Test
    void neverRetriesAReadTimeoutBecauseTheUpstreamMayHaveActed() {
        Upstream upstream = new Upstream(new ResourceAccessException("I/O error", new HttpTimeoutException("request timed out")),
                null);

        assertThatExceptionOfType(ResourceAccessException.class)
                .isThrownBy(() -> retry.filter(request("POST", DEBITS, "key-2"), upstream));
        assertThat(upstream.calls()).isEqualTo(1);
    }

    @Test
    void givesUpAfterMaxAttemptsWithTheLastFailure() {
        Upstream upstream = new Upstream(refused(), refused(), refused(), null);

        assertThatExceptionOfType(ResourceAccessException.class)
                .isThrownBy(() -> retry.filter(request("GET", "/api/v1/accounts", null), upstream));
        assertThat(upstream.calls()).isEqualTo(3);
    }

    @Test
    void backsOffLongerBeforeEachRetry() throws Exception {
        SafeRetry patient = retry(Duration.ofMillis(40));
        Upstream upstream = new Upstream(refused(), refused(), null);

        long started = System.nanoTime();
        patient.filter(request("GET", "/api/v1/accounts", null), upstream);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(40 + 80));
    }

    @Test
    void considersOnlyIdempotentMethodsAndKeyedPostsSafe() {
        assertThat(retry.isRetrySafe(request("PUT", "/api/v1/accounts/" + UUID.randomUUID() + "/overdraft-limit", null)))
                .as("setting a limit to a value is idempotent").isTrue();
        assertThat(retry.isRetrySafe(request("GET", "/api/v1/accounts", null))).isTrue();
        assertThat(retry.isRetrySafe(request("PUT", "/api/v1/anything", null))).isTrue();
        assertThat(retry.isRetrySafe(request("DELETE", "/api/v1/anything", null))).isTrue();
        assertThat(retry.isRetrySafe(request("POST", DEBITS, "key"))).isTrue();
        assertThat(retry.isRetrySafe(request("POST", "/api/v1/transfers", "key"))).isTrue();
        assertThat(retry.isRetrySafe(request("POST", DEBITS, null))).isFalse();
        assertThat(retry.isRetrySafe(request("POST", "/api/v1/accounts", "key"))).isTrue();
        assertThat(retry.isRetrySafe(request("POST", "/api/v1/accounts", null))).isFalse();
        assertThat(retry.isRetrySafe(request("POST", "/api/v1/accounts/" + UUID.randomUUID() + "/statements", "key")))
                .as("a key where the bank does not de-duplicate protects nothing").isFalse();
        assertThat(retry.isRetrySafe(request("PATCH", DEBITS, "key"))).isFalse();
    }

    @Test
    void readsRetryAfterAsDelaySecondsOrAnHttpDate() {
        Instant now = Instant.parse("2025-06-01T12:00:00Z");

        assertThat(SafeRetry.retryAfter("3", now)).contains(Duration.ofSeconds(3));
        assertThat(SafeRetry.retryAfter(" 0 ", now)).contains(Duration.ZERO);
        assertThat(SafeRetry.retryAfter("Sun, 01 Jun 2025 12:00:05 GMT", now)).contains(Duration.ofSeconds(5));
        assertThat(SafeRetry.retryAfter("Sun, 01 Jun 2025 11:00:00 GMT", now)).as("a date gone by").contains(Duration.ZERO);
        assertThat(SafeRetry.retryAfter("99999999999999999999", now)).as("beyond a long").contains(Duration.ofDays(1));
        assertThat(SafeRetry.retryAfter("-1", now)).isEmpty();
        assertThat(SafeRetry.retryAfter("soon", now)).isEmpty();
        assertThat(SafeRetry.retryAfter(null, now)).isEmpty();
    }

    private SafeRetry retry(Duration initialBackoff) {
        RetryProperties properties = new RetryProperties(3, initialBackoff, 2.0, Duration.ofSeconds(1), Duration.ZERO,
                Duration.ofSeconds(2));
        return new SafeRetry(new KeyedEndpoints(new IdempotencyKeyProperties()), properties, meters);
    }

    private static ServerRequest request(String method, String path, String key) {
        MockHttpServletRequest servlet = new MockHttpServletRequest(method, path);
        if (key != null) {
            servlet.addHeader("Idempotency-Key", key);
        }
        return ServerRequest.create(servlet, List.of());
    }

    private static ResourceAccessException refused() {
        return new ResourceAccessException("I/O error on request", new ConnectException("Connection refused"));
    }

    /** Fails with the given exceptions in turn; a {@code null} stands for a 200 reply. */
    private static final class Upstream implements HandlerFunction<ServerResponse> {

        private final RuntimeException[] script;

        private final AtomicInteger calls = new AtomicInteger();

        Upstream(RuntimeException... script) {
            this.script = script;
        }

        @Override
        public ServerResponse handle(ServerRequest request) {
            RuntimeException failure = script[Math.min(calls.getAndIncrement(), script.length - 1)];
            if (failure != null) {
                throw failure;
            }
            return ServerResponse.ok().build();
        }

        int calls() {
            return calls.get();
        }
    }
}
