package dev.exactlyonce.gateway.routing;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.exactlyonce.gateway.support.GatewayHttp;
import dev.exactlyonce.gateway.support.StubUpstream;
import dev.exactlyonce.gateway.support.StubUpstreamTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;

import static org.assertj.core.api.Assertions.assertThat;

@StubUpstreamTest
class SingleBankUriIntegrationTests {

    @Autowired
    LoadBalancerClientFactory loadBalancers;

    @Autowired
    GatewayHttp gateway;

    @Test
    void callsTheOneBankUriDirectlyWithoutLoadBalancerOrHealthChecks() {
        StubUpstream upstream = StubUpstream.shared();
        upstream.reset();

        GatewayHttp.Reply reply = gateway.get("single-uri-" + UUID.randomUUID(), "/api/v1/accounts");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(upstream.received()).extracting(StubUpstream.Received::uri).containsExactly("/api/v1/accounts");
        assertThat(loadBalancers.getConfigurations()).doesNotContainKey(BankRoute.ROUTE_ID);
        assertThat(loadBalancers.getContextNames()).doesNotContain(BankRoute.ROUTE_ID);
    }
}
