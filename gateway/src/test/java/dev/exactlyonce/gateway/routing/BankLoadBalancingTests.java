package dev.exactlyonce.gateway.routing;

import org.junit.jupiter.api.Test;

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

    @Test
    void leavesASingleInstanceToBeCalledDirectly() {
        contexts.withPropertyValues("gateway.bank-instances=http://127.0.0.1:18081").run(context -> {
            assertThat(context).doesNotHaveBean(BankLoadBalancing.class);
            assertThat(context.getBean(LoadBalancerClientFactory.class).getConfigurations())
                    .doesNotContainKey(BankRoute.ROUTE_ID);
        });
    }

    @Test
    void leavesBankUriAloneToBeCalledDirectly() {
        contexts.withPropertyValues("gateway.bank-uri=http://bank-service:8081").run(context -> {
            assertThat(context).doesNotHaveBean(BankLoadBalancing.class);
            assertThat(context.getBean(LoadBalancerClientFactory.class).getConfigurations())
                    .doesNotContainKey(BankRoute.ROUTE_ID);
        });
    }
}
