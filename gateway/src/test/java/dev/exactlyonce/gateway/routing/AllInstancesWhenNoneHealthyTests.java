package dev.exactlyonce.gateway.routing;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.support.ServiceInstanceListSuppliers;

import static org.assertj.core.api.Assertions.assertThat;

class AllInstancesWhenNoneHealthyTests {

    ServiceInstance first = AnotherInstanceOnRetryTests.instance(18081);

    ServiceInstance second = AnotherInstanceOnRetryTests.instance(18082);

    @Test
    void offersOnlyTheHealthyInstancesWhenThereAreAny() {
        AllInstancesWhenNoneHealthy rotation = new AllInstancesWhenNoneHealthy(
                ServiceInstanceListSuppliers.from(BankRoute.ROUTE_ID, second), List.of(first, second));

        assertThat(rotation.get().blockFirst()).containsExactly(second);
    }

    @Test
    void offersEveryInstanceWhenNoneIsHealthy() {
        AllInstancesWhenNoneHealthy rotation = new AllInstancesWhenNoneHealthy(
                ServiceInstanceListSuppliers.from(BankRoute.ROUTE_ID), List.of(first, second));

        assertThat(rotation.get().blockFirst()).containsExactly(first, second);
    }
}
