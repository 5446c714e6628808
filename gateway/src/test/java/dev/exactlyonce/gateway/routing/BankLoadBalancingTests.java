package dev.exactlyonce.gateway.routing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.loadbalancer.config.LoadBalancerAutoConfiguration;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;

import static org.assertj.core.api.Assertions.assertThat;

class BankLoadBalancingTests {

    ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LoadBalancerAutoConfiguration.class))
            .withUserConfiguration(BankLoadBalancing.class);

    @Test
    void balancesOverSeveralInstances() {
        contexts.withPropertyValues("gateway.bank-instances=http://127.0.0.1:18081,http://127.0.0.1:18082")
                .run(context -> {
                    assertThat(context).hasSingleBean(BankLoadBalancing.class);
                    assertThat(context.getBean(LoadBalancerClientFactory.class).getConfigurations())
                            .containsKey(BankRoute.ROUTE_ID);
                });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "gateway.bank-instances=http://127.0.0.1:18081", "gateway.bank-uri=http://bank-service:8081" })
    void leavesASingleBankAddressToBeCalledDirectly(String address) {
        contexts.withPropertyValues(address).run(context -> {
            assertThat(context).doesNotHaveBean(BankLoadBalancing.class);
            assertThat(context.getBean(LoadBalancerClientFactory.class).getConfigurations())
                    .doesNotContainKey(BankRoute.ROUTE_ID);
        });
    }
}
