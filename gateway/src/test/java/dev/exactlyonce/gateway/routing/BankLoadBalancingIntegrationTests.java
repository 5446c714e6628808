package dev.exactlyonce.gateway.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.exactlyonce.gateway.support.GatewayHttp;
import dev.exactlyonce.gateway.support.StubReplica;
import dev.exactlyonce.gateway.support.StubReplicasTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@StubReplicasTest
class BankLoadBalancingIntegrationTests {

    static final String DEBITS = "/api/v1/accounts/" + UUID.randomUUID() + "/debits";

    @Autowired
    LoadBalancerClientFactory loadBalancers;

    @Autowired
    MeterRegistry meters;

    @Autowired
    GatewayHttp gateway;

    StubReplica first = StubReplica.first();

    StubReplica second = StubReplica.second();

    @BeforeEach
    void bothReplicasServing() {
        first.reset();
        second.reset();
        await().atMost(Duration.ofSeconds(5)).until(() -> rotation().equals(List.of(first.port(), second.port())));
    }

    @AfterEach
    void releaseHeldCalls() {
        first.reset();
        second.reset();
    }

    @Test
    void spreadsCallsOverBothInstancesInTurn() {
        List<String> answeredBy = new ArrayList<>();
        for (int call = 0; call < 6; call++) {
            GatewayHttp.Reply reply = gateway.get(GatewayHttp.ALICE, "/api/v1/accounts");
            assertThat(reply.status()).isEqualTo(200);
            answeredBy.add(reply.json().get("replica").asString());
        }

        assertThat(answeredBy).containsOnly("first", "second");
        for (int call = 1; call < answeredBy.size(); call++) {
            assertThat(answeredBy.get(call)).as("call %d of %s", call, answeredBy).isNotEqualTo(answeredBy.get(call - 1));
        }
        assertThat(first.calls()).hasSize(3);
        assertThat(second.calls()).hasSize(3);
    }

    @Test
    void retriesAKeyedPostOnTheOtherInstanceWhenOneRefusesConnections() throws InterruptedException {
        double connectRetries = connectRetries();
        // Right after a readiness check has found it ready, the next check is a second away: until then the
        // stopped replica stays in rotation, and only the retries keep the calls from failing.
        long since = System.nanoTime();
        await().atMost(Duration.ofSeconds(3)).until(() -> second.probesAnsweredSince(since) > 0);
        second.stop();
        // Lets the gateway's HTTP client notice that its idle connections to the stopped replica are closed.
        Thread.sleep(50);

        List<GatewayHttp.Reply> replies = new ArrayList<>();
        for (int call = 0; call < 4; call++) {
            replies.add(gateway.post(GatewayHttp.ALICE, DEBITS, "debit-" + UUID.randomUUID(), GatewayHttp.debit(100)));
        }

        assertThat(replies).extracting(GatewayHttp.Reply::status).containsOnly(201);
        assertThat(replies).extracting(reply -> reply.json().get("replica").asString()).containsOnly("first");
        assertThat(first.calls()).hasSize(4);
        assertThat(connectRetries()).as("attempts that could not connect and were retried")
                .isGreaterThan(connectRetries);
    }

    @Test
    void retriesOnTheOtherInstanceWhenOneAnswersServiceUnavailable() {
        second.answerApiCallsWith(503);

        List<GatewayHttp.Reply> replies = new ArrayList<>();
        for (int call = 0; call < 4; call++) {
            replies.add(gateway.post(GatewayHttp.ALICE, DEBITS, "debit-" + UUID.randomUUID(), GatewayHttp.debit(100)));
        }

        assertThat(replies).extracting(GatewayHttp.Reply::status).containsOnly(201);
        assertThat(first.calls()).hasSize(4);
        assertThat(second.calls()).as("calls that second answered 503, each retried on first").hasSize(2);
    }

    @Test
    void takesAPausedInstanceOutOfRotationWithinTwoSecondsAndBackWhenItAnswers() {
        second.pause();

        // At worst the pause comes just after a round of checks: the next starts a second (the interval)
        // later, and its probe of the paused replica gives up after half a second.
        await().atMost(Duration.ofSeconds(2)).until(() -> rotation().equals(List.of(first.port())));
        for (int call = 0; call < 4; call++) {
            GatewayHttp.Reply reply = gateway.get(GatewayHttp.ALICE, "/api/v1/accounts");
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().get("replica").asString()).isEqualTo("first");
        }
        assertThat(second.calls()).isEmpty();

        second.resume();

        await().atMost(Duration.ofMillis(2500)).until(() -> rotation().equals(List.of(first.port(), second.port())));
        assertThat(List.of(gateway.get(GatewayHttp.ALICE, "/api/v1/accounts").json().get("replica").asString(),
                gateway.get(GatewayHttp.ALICE, "/api/v1/accounts").json().get("replica").asString()))
                .containsExactlyInAnyOrder("first", "second");
    }

    @Test
    void sendsCallsToEveryInstanceWhenNoneIsReady() {
        long since = System.nanoTime();
        first.ready(false);
        second.ready(false);
        // Rounds of checks run one after the other, one probe per replica each. The round of the third probe
        // answered since cannot start before the one before it, all of whose probes found none ready, is
        // over and its verdict in place.
        await().atMost(Duration.ofSeconds(6)).until(() -> first.probesAnsweredSince(since) >= 3);
        assertThat(rotation()).containsExactly(first.port(), second.port());

        List<String> answeredBy = new ArrayList<>();
        for (int call = 0; call < 4; call++) {
            GatewayHttp.Reply reply = gateway.get(GatewayHttp.ALICE, "/api/v1/accounts");
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            answeredBy.add(reply.json().get("replica").asString());
        }

        assertThat(answeredBy).containsOnly("first", "second").contains("first", "second");
    }

    /** The ports of the instances the load balancer currently chooses from, in its order. */
    List<Integer> rotation() {
        ServiceInstanceListSupplier instances = loadBalancers.getInstance(BankRoute.ROUTE_ID, ServiceInstanceListSupplier.class);
        return instances.get().blockFirst(Duration.ofSeconds(5)).stream().map(ServiceInstance::getPort).toList();
    }

    double connectRetries() {
        return meters.counter("gateway.upstream.retries", "reason", "connect failure").count();
    }
}
