package dev.exactlyonce.gateway.routing;

import java.util.List;

import reactor.core.publisher.Flux;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

/**
 * Every instance when none passed its health check. Spring Cloud LoadBalancer's health-check supplier
 * then offers none at all (its Javadoc promises otherwise; its code, as of 5.0.1, does not), and every
 * call would fail without an attempt. But
 * all checks failing at once is as likely the checks' fault (a slow readiness endpoint, a network blip
 * between gateway and bank) as the bank's, and an attempt that fails costs no more than not trying: the
 * caller hears 502 either way, and a keyed call may simply succeed.
 */
final class AllInstancesWhenNoneHealthy extends DelegatingServiceInstanceListSupplier {

    private final List<ServiceInstance> all;

    AllInstancesWhenNoneHealthy(ServiceInstanceListSupplier healthy, List<ServiceInstance> all) {
        super(healthy);
        this.all = List.copyOf(all);
    }

    @Override
    public Flux<List<ServiceInstance>> get() {
        return getDelegate().get().map(healthy -> healthy.isEmpty() ? all : healthy);
    }
}
