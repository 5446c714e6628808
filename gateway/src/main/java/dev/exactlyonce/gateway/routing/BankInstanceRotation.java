package dev.exactlyonce.gateway.routing;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import dev.exactlyonce.gateway.system.GatewayProperties;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.cloud.loadbalancer.support.ServiceInstanceListSuppliers;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The bank-service instances the load balancer chooses from, for the load balancer's own child context
 * of bank-service. Deliberately not a {@code @Configuration}: component scanning would otherwise put it in
 * the application's context as well.
 *
 * <p>From the inside out: the instances of {@code gateway.bank-instances}; of those, the ones whose
 * readiness check passed last time (Spring Cloud LoadBalancer's health-check supplier, blocking variant,
 * every {@code spring.cloud.loadbalancer.health-check.interval}); all of them when none passed; and for a
 * retry, not the instance its previous attempt went to.
 */
class BankInstanceRotation {

    @Bean
    ServiceInstanceListSupplier bankInstances(ConfigurableApplicationContext context, GatewayProperties properties,
            LoadBalancerClientFactory loadBalancers) {
        List<ServiceInstance> instances = properties.getBankInstances().stream().map(BankInstanceRotation::instance)
                .toList();
        Duration interval = loadBalancers.getProperties(BankRoute.ROUTE_ID).getHealthCheck().getInterval();
        return ServiceInstanceListSupplier.builder()
                .withBase(ServiceInstanceListSuppliers.from(BankRoute.ROUTE_ID, instances.toArray(ServiceInstance[]::new)))
                .withBlockingHealthChecks(healthCheckClient(interval))
                .with((childContext, healthy) -> new AllInstancesWhenNoneHealthy(healthy, instances))
                .with((childContext, rotation) -> new AnotherInstanceOnRetry(rotation))
                .build(context);
    }

    /**
     * The client the readiness checks use. A paused instance accepts the connection and never answers; the
     * health-check supplier's own timeout (the interval) cannot interrupt a blocking call, so the call
     * itself gives up, after half an interval, and the next round starts on time.
     */
    private static RestClient healthCheckClient(Duration interval) {
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(interval.dividedBy(2));
        requests.setReadTimeout(interval.dividedBy(2));
        return RestClient.builder().requestFactory(requests).build();
    }

    private static ServiceInstance instance(URI uri) {
        boolean secure = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() != -1 ? uri.getPort() : secure ? 443 : 80;
        return new DefaultServiceInstance(uri.getHost() + ":" + port, BankRoute.ROUTE_ID, uri.getHost(), port, secure);
    }
}
