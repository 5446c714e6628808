package dev.exactlyonce.gateway.system;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.exactlyonce.gateway.support.GatewayHttp;
import dev.exactlyonce.gateway.support.StubUpstream;
import dev.exactlyonce.gateway.support.StubUpstreamTest;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@StubUpstreamTest
class EdgeIntegrationTests {

    static final String DEBITS = "/api/v1/accounts/" + UUID.randomUUID() + "/debits";

    static final int ONE_MIB = 1024 * 1024;

    @Autowired
    GatewayHttp gateway;

    StubUpstream upstream = StubUpstream.shared();

    String token = "edge-client-" + UUID.randomUUID();

    @BeforeEach
    void setUp() {
        upstream.reset();
    }

    @Test
    void forwardsTheCallersRequestIdAndEchoesIt() {
        GatewayHttp.Reply reply = gateway.send(gateway.request(token, "/api/v1/accounts").header("X-Request-Id", "trace-7").GET());

        assertThat(reply.header("X-Request-Id")).isEqualTo("trace-7");
        assertThat(upstream.received()).singleElement().extracting(r -> r.header("X-Request-Id")).isEqualTo("trace-7");
    }

    @Test
    void replacesAMalformedRequestIdWithANewOne() {
        GatewayHttp.Reply reply = gateway.send(gateway.request(token, "/api/v1/accounts")
                .header("X-Request-Id", "bad id with spaces").GET());

        String minted = reply.header("X-Request-Id");
        assertThat(minted).matches("[0-9a-f-]{36}");
        assertThat(upstream.received()).singleElement().extracting(r -> r.header("X-Request-Id")).isEqualTo(minted);
    }

    @Test
    void refusesAMoneyMovingPostWithoutKeyWithoutCallingTheUpstream() {
        GatewayHttp.Reply reply = gateway.post(token, DEBITS, null, GatewayHttp.debit(10));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("type").asString()).isEqualTo("https://exactly-once.dev/problems/idempotency-key-missing");
        assertThat(reply.header("X-Request-Id")).isNotBlank();
        assertThat(upstream.received()).isEmpty();
    }

    @Test
    void refusesABodyOverTheLimitWith413() {
        String body = "{\"pad\":\"" + "x".repeat(ONE_MIB) + "\"}";

        GatewayHttp.Reply reply = gateway.post(token, DEBITS, "key-" + UUID.randomUUID(), body);

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("type").asString()).isEqualTo("https://exactly-once.dev/problems/request-too-large");
        assertThat(upstream.received()).isEmpty();
    }

    @Test
    void refusesAChunkedBodyOverTheLimitWith413() {
        byte[] body = new byte[ONE_MIB + 1];

        GatewayHttp.Reply reply = gateway.send(gateway.request(token, DEBITS).header("Content-Type", "application/json")
                .header("Idempotency-Key", "key-" + UUID.randomUUID())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));

        assertThat(reply.status()).isEqualTo(413);
        assertThat(upstream.received()).isEmpty();
    }

    @Test
    void passesABodyWithinTheLimitUnchanged() {
        String body = "{\"pad\":\"" + "y".repeat(ONE_MIB - 100) + "\"}";

        GatewayHttp.Reply reply = gateway.post(token, DEBITS, "key-" + UUID.randomUUID(), body);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(upstream.received()).singleElement().extracting(StubUpstream.Received::body).isEqualTo(body);
    }
}
