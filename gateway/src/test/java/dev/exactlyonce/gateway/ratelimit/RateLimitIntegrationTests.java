package dev.exactlyonce.gateway.ratelimit;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.exactlyonce.gateway.support.GatewayHttp;
import dev.exactlyonce.gateway.support.StubUpstream;
import dev.exactlyonce.gateway.support.StubUpstreamTest;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@StubUpstreamTest
class RateLimitIntegrationTests {

    @Autowired
    GatewayHttp gateway;

    StubUpstream upstream = StubUpstream.shared();

    @BeforeEach
    void setUp() {
        upstream.reset();
    }

    @Test
    void answers429WithRetryAfterOnceAClientUsedUpItsCalls() {
        String token = "busy-client-" + UUID.randomUUID();
        for (int i = 0; i < StubUpstreamTest.RATE_LIMIT; i++) {
            assertThat(gateway.get(token, "/api/v1/accounts").status()).isEqualTo(200);
        }

        GatewayHttp.Reply limited = gateway.get(token, "/api/v1/accounts");

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(limited.json().get("type").asString()).isEqualTo("https://exactly-once.dev/problems/rate-limited");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(upstream.received()).as("calls that reached the upstream").hasSize(StubUpstreamTest.RATE_LIMIT);
    }

    @Test
    void countsEachClientSeparately() {
        String busy = "busy-client-" + UUID.randomUUID();
        for (int i = 0; i <= StubUpstreamTest.RATE_LIMIT; i++) {
            gateway.get(busy, "/api/v1/accounts");
        }

        GatewayHttp.Reply other = gateway.get("quiet-client-" + UUID.randomUUID(), "/api/v1/accounts");

        assertThat(gateway.get(busy, "/api/v1/accounts").status()).isEqualTo(429);
        assertThat(other.status()).isEqualTo(200);
    }
}
