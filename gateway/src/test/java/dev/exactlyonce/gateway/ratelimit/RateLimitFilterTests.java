package dev.exactlyonce.gateway.ratelimit;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitFilterTests {

    ServerRequest request = ServerRequest.create(new MockHttpServletRequest("GET", "/api/v1/accounts"), List.of());

    @Test
    void letsCallsPassWhileRedisIsDownWhenFailingOpen() throws Exception {
        RateLimitFilter filter = new RateLimitFilter(new UnreachableRedis(), true, new SimpleMeterRegistry());

        assertThat(filter.filter(request, r -> ServerResponse.ok().build()).statusCode().value()).isEqualTo(200);
    }

    @Test
    void refusesCallsWith503WhileRedisIsDownWhenFailingClosed() throws Exception {
        RateLimitFilter filter = new RateLimitFilter(new UnreachableRedis(), false, new SimpleMeterRegistry());

        ServerResponse response = filter.filter(request, r -> ServerResponse.ok().build());

        assertThat(response.statusCode().value()).isEqualTo(503);
        assertThat(response.headers().getFirst("Retry-After")).isEqualTo("1");
    }

    @Test
    void roundsRetryAfterUpToWholeSecondsAndNeverBelowOne() {
        assertThat(new RedisRateLimiter.Decision(false, 0, Duration.ofMillis(1)).retryAfterSeconds()).isEqualTo(1);
        assertThat(new RedisRateLimiter.Decision(false, 0, Duration.ZERO).retryAfterSeconds()).isEqualTo(1);
        assertThat(new RedisRateLimiter.Decision(false, 0, Duration.ofMillis(9_001)).retryAfterSeconds()).isEqualTo(10);
    }

    @Test
    void countsAClientByItsTokensDigestNeverTheTokenItself() {
        MockHttpServletRequest servlet = new MockHttpServletRequest("GET", "/api/v1/accounts");
        servlet.addHeader("Authorization", "Bearer alice-local-token");
        servlet.setRemoteAddr("10.1.2.3");

        String client = ClientIdentity.of(ServerRequest.create(servlet, List.of()));
        String anonymous = ClientIdentity.of(ServerRequest.create(new MockHttpServletRequest("GET", "/"), List.of()));

        assertThat(client).startsWith("token:").doesNotContain("alice").hasSize("token:".length() + 32);
        assertThat(anonymous).isEqualTo("address:127.0.0.1");
    }

    private static final class UnreachableRedis extends RedisRateLimiter {

        UnreachableRedis() {
            super(null, 1, Duration.ofSeconds(1));
        }

        @Override
        Decision acquire(String client) {
            throw new RedisConnectionFailureException("Unable to connect to Redis");
        }
    }
}
