package dev.exactlyonce.gateway.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.function.HandlerFilterFunction;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** What the gateway makes of its buckets' answers; the buckets themselves are the framework's filter. */
class RateLimitFilterTests {

    ServerRequest request = ServerRequest.create(new MockHttpServletRequest("GET", "/api/v1/accounts"), List.of());

    SimpleMeterRegistry meters = new SimpleMeterRegistry();

    AtomicInteger upstreamCalls = new AtomicInteger();

    HandlerFunction<ServerResponse> upstream = r -> {
        upstreamCalls.incrementAndGet();
        return ServerResponse.ok().build();
    };

    @Test
    void turnsAnEmptyBucketsBare429IntoTheProblemWithThatBucketsRetryAfter() throws Exception {
        RateLimitFilter filter = filter(true, bucket("address", 5, passes()), bucket("client", 3, refuses()));

        ServerResponse response = filter.filter(request, upstream);

        assertThat(response.statusCode().value()).isEqualTo(429);
        assertThat(response.headers().getContentType()).hasToString("application/problem+json");
        assertThat(response.headers().getFirst("Retry-After")).isEqualTo("20");
        assertThat(upstreamCalls).hasValue(0);
        assertThat(meters.counter("gateway.ratelimit.refusals", "bucket", "client").count()).isEqualTo(1);
    }

    @Test
    void passesOnA429FromFurtherInUntouched() throws Exception {
        RateLimitFilter filter = filter(true, bucket("address", 5, passes()));
        ServerResponse upstream429 = ServerResponse.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", "7").build();

        ServerResponse response = filter.filter(request, r -> upstream429);

        assertThat(response).isSameAs(upstream429);
        assertThat(meters.find("gateway.ratelimit.refusals").counters()).isEmpty();
    }

    @Test
    void letsCallsPassWhileRedisIsDownWhenFailingOpenAskingRedisOncePerCall() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        RateLimitFilter filter = filter(true, bucket("address", 5, unreachable(asked)), bucket("client", 3, unreachable(asked)));

        assertThat(filter.filter(request, upstream).statusCode().value()).isEqualTo(200);
        assertThat(filter.filter(request, upstream).statusCode().value()).isEqualTo(200);

        assertThat(upstreamCalls).hasValue(2);
        assertThat(asked).as("buckets asked").hasValue(2);
        assertThat(meters.counter("gateway.ratelimit.calls", "outcome", "store-error").count()).isEqualTo(2);
    }

    @Test
    void refusesCallsWith503WhileRedisIsDownWhenFailingClosed() throws Exception {
        RateLimitFilter filter = filter(false, bucket("address", 5, unreachable(new AtomicInteger())));

        ServerResponse response = filter.filter(request, upstream);

        assertThat(response.statusCode().value()).isEqualTo(503);
        assertThat(response.headers().getFirst("Retry-After")).isEqualTo("1");
        assertThat(upstreamCalls).hasValue(0);
    }

    @Test
    void neverTakesAFailureFromFurtherInForRedisBeingDown() {
        RateLimitFilter filter = filter(true, bucket("address", 5, passes()));

        assertThatIllegalStateException().isThrownBy(() -> filter.filter(request, r -> {
            upstreamCalls.incrementAndGet();
            throw new IllegalStateException("upstream failed");
        }));
        assertThat(upstreamCalls).as("calls made upstream").hasValue(1);
    }

    @Test
    void roundsRetryAfterUpToTheWholeSecondsOneTokenTakes() {
        assertThat(new RateLimitProperties.Bucket("client", 3, 3, Duration.ofSeconds(60)).retryAfterSeconds()).isEqualTo(20);
        assertThat(new RateLimitProperties.Bucket("client", 100, 100, Duration.ofSeconds(10)).retryAfterSeconds()).isEqualTo(1);
        assertThat(new RateLimitProperties.Bucket("client", 1, 2, Duration.ofMillis(3001)).retryAfterSeconds()).isEqualTo(2);
        assertThat(new RateLimitProperties.Bucket("client", 1, 1000, Duration.ofSeconds(1)).retryAfterSeconds()).isEqualTo(1);
    }

    @Test
    void countsAClientByItsTokensDigestNeverTheTokenItself() {
        MockHttpServletRequest servlet = new MockHttpServletRequest("GET", "/api/v1/accounts");
        servlet.addHeader("Authorization", "Bearer alice-local-token");
        servlet.setRemoteAddr("10.1.2.3");
        ServerRequest withToken = ServerRequest.create(servlet, List.of());

        assertThat(ClientIdentity.client(withToken)).startsWith("token:").doesNotContain("alice")
                .hasSize("token:".length() + 32);
        assertThat(ClientIdentity.address(withToken)).isEqualTo("10.1.2.3");
        assertThat(ClientIdentity.client(request)).isEqualTo("anonymous:127.0.0.1");
    }

    private RateLimitFilter filter(boolean failOpen, TokenBucket... buckets) {
        return new RateLimitFilter(List.of(buckets), failOpen, meters);
    }

    private static TokenBucket bucket(String name, long capacity, HandlerFilterFunction<ServerResponse, ServerResponse> limiter) {
        return new TokenBucket(new RateLimitProperties.Bucket(name, capacity, capacity, Duration.ofSeconds(60)), limiter);
    }

    private static HandlerFilterFunction<ServerResponse, ServerResponse> passes() {
        return (request, next) -> next.handle(request);
    }

    /** As the gateway's filter answers for an empty bucket: a bare 429, without calling on. */
    private static HandlerFilterFunction<ServerResponse, ServerResponse> refuses() {
        return (request, next) -> ServerResponse.status(HttpStatus.TOO_MANY_REQUESTS).build();
    }

    private static HandlerFilterFunction<ServerResponse, ServerResponse> unreachable(AtomicInteger asked) {
        return (request, next) -> {
            asked.incrementAndGet();
            throw new ExecutionException(new RedisConnectionFailureException("Unable to connect to Redis"));
        };
    }
}
