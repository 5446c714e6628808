package dev.exactlyonce.gateway.retry;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.exactlyonce.gateway.support.GatewayHttp;
import dev.exactlyonce.gateway.support.StubUpstream;
import dev.exactlyonce.gateway.support.StubUpstream.Answer;
import dev.exactlyonce.gateway.support.StubUpstream.Received;
import dev.exactlyonce.gateway.support.StubUpstreamTest;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@StubUpstreamTest
class SafeRetryIntegrationTests {

    static final String DEBITS = "/api/v1/accounts/" + UUID.randomUUID() + "/debits";

    @Autowired
    GatewayHttp gateway;

    StubUpstream upstream = StubUpstream.shared();

    String token = "retry-client-" + UUID.randomUUID();

    @Test
    void retriesAKeyedPostAfterServiceUnavailableWithTheSameKeyAndBody() {
        upstream.reset(503, 201);

        GatewayHttp.Reply reply = gateway.post(token, DEBITS, "key-kept-across-retries", GatewayHttp.debit(700));

        assertThat(reply.status()).isEqualTo(201);
        List<Received> received = upstream.received();
        assertThat(received).hasSize(2);
        assertThat(received).extracting(r -> r.header("Idempotency-Key")).containsExactly("key-kept-across-retries",
                "key-kept-across-retries");
        assertThat(received).extracting(Received::body).containsOnly(GatewayHttp.debit(700));
        assertThat(received).extracting(r -> r.header("Authorization")).containsOnly("Bearer " + token);
        assertThat(received.get(0).header("X-Request-Id")).isNotBlank().isEqualTo(received.get(1).header("X-Request-Id"));
    }

    @Test
    void waitsTheRetryAfterOfAServiceUnavailableWhenLongerThanTheBackoff() {
        upstream.resetWith(Answer.retryAfter(503, "1"), new Answer(201, null));

        long started = System.nanoTime();
        GatewayHttp.Reply reply = gateway.post(token, DEBITS, "key-" + UUID.randomUUID(), GatewayHttp.debit(700));

        assertThat(reply.status()).isEqualTo(201);
        assertThat(upstream.received()).hasSize(2);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("backoff is 20ms here")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void retriesATooManyRequestsOnlyWhenItSaysWhen() {
        upstream.resetWith(Answer.retryAfter(429, "1"), new Answer(200, null));

        long started = System.nanoTime();
        GatewayHttp.Reply retried = gateway.get(token, "/api/v1/accounts");
        Duration waited = Duration.ofNanos(System.nanoTime() - started);
        int attempts = upstream.received().size();
        upstream.reset(429, 200);
        GatewayHttp.Reply passedOn = gateway.get(token, "/api/v1/accounts");

        assertThat(retried.status()).isEqualTo(200);
        assertThat(attempts).isEqualTo(2);
        assertThat(waited).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(passedOn.status()).as("a 429 without Retry-After").isEqualTo(429);
        assertThat(upstream.received()).hasSize(1);
    }

    @Test
    void passesOnAnAnswerWhoseRetryAfterIsBeyondTheCapWithoutWaiting() {
        // gateway.retry.max-retry-after is 2s.
        upstream.resetWith(Answer.retryAfter(503, "30"), new Answer(201, null));

        long started = System.nanoTime();
        GatewayHttp.Reply reply = gateway.post(token, DEBITS, "key-" + UUID.randomUUID(), GatewayHttp.debit(700));

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.header("Retry-After")).isEqualTo("30");
        assertThat(upstream.received()).hasSize(1);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void retriesIdempotentCallsOnBadGatewayAndGatewayTimeout() {
        upstream.reset(502, 504, 200);

        GatewayHttp.Reply reply = gateway.get(token, "/api/v1/accounts");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(upstream.received()).hasSize(3);
    }

    @Test
    void givesUpAfterMaxAttemptsAndPassesOnTheLastAnswer() {
        upstream.reset(503, 503, 503, 503);

        GatewayHttp.Reply reply = gateway.get(token, "/api/v1/accounts");

        assertThat(reply.status()).isEqualTo(503);
        assertThat(upstream.received()).hasSize(3);
    }

    @Test
    void retriesAKeyedAccountOpeningAfterServiceUnavailableWithTheSameKey() {
        upstream.reset(503, 201);

        GatewayHttp.Reply reply = gateway.post(token, "/api/v1/accounts", "open-kept-across-retries", GatewayHttp.EUR_ACCOUNT);

        assertThat(reply.status()).isEqualTo(201);
        assertThat(upstream.received()).extracting(r -> r.header("Idempotency-Key"))
                .containsExactly("open-kept-across-retries", "open-kept-across-retries");
    }

    @Test
    void refusesAnUnkeyedAccountOpeningWithoutCallingTheBank() {
        upstream.reset(201);

        GatewayHttp.Reply reply = gateway.post(token, "/api/v1/accounts", null, GatewayHttp.EUR_ACCOUNT);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("type").asString()).isEqualTo("https://exactly-once.dev/problems/idempotency-key-missing");
        assertThat(upstream.received()).isEmpty();
    }

    @Test
    void neverRetriesAPostWhoseEndpointIgnoresTheKey() {
        // Only the keyed paths de-duplicate: a key elsewhere would not stop a second execution.
        upstream.reset(503, 201);

        GatewayHttp.Reply reply = gateway.post(token, "/api/v1/accounts/" + UUID.randomUUID() + "/statements", "ignored-key",
                "{}");

        assertThat(reply.status()).isEqualTo(503);
        assertThat(upstream.received()).hasSize(1);
    }

    @Test
    void neverRetriesOtherServerErrors() {
        upstream.reset(500, 201);

        GatewayHttp.Reply reply = gateway.post(token, DEBITS, "key-" + UUID.randomUUID(), GatewayHttp.debit(700));

        assertThat(reply.status()).isEqualTo(500);
        assertThat(upstream.received()).hasSize(1);
    }
}
