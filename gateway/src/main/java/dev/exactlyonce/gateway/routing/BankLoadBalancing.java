package dev.exactlyonce.gateway.routing;

import java.net.URI;
import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClient;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.cloud.loadbalancer.support.LoadBalancerEagerContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * With several {@code gateway.bank-instances}, Spring Cloud LoadBalancer chooses one for every attempt,
 * round-robin among those whose readiness check passes ({@link BankInstanceRotation}). With one URI none
 * of this exists: the route calls it directly, and whatever stands behind that name (a Kubernetes
 * Service, DNS) does the balancing, as before.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(BankLoadBalancing.OnSeveralBankInstances.class)
@LoadBalancerClient(name = BankRoute.ROUTE_ID, configuration = BankInstanceRotation.class)
class BankLoadBalancing {

    /** Whether calls are spread over these instances rather than sent to the one bank-service URI. */
    static boolean balances(List<URI> bankInstances) {
        return bankInstances.size() > 1;
    }

    /**
     * Starts the health checks with the gateway rather than with the first call, so that an instance that
     * is down at startup is known before a call is sent to it.
     */
    @Bean
    LoadBalancerEagerContextInitializer bankInstanceChecksFromStartup(LoadBalancerClientFactory loadBalancers) {
        return new LoadBalancerEagerContextInitializer(loadBalancers, List.of(BankRoute.ROUTE_ID));
    }

    /** Matches when {@code gateway.bank-instances} names more than one instance. */
    static final class OnSeveralBankInstances extends SpringBootCondition {

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            List<URI> instances = Binder.get(context.getEnvironment())
                    .bind("gateway.bank-instances", Bindable.listOf(URI.class)).orElse(List.of());
            ConditionMessage.Builder message = ConditionMessage.forCondition("several gateway.bank-instances");
            return balances(instances) ? ConditionOutcome.match(message.found("instances").items(instances))
                    : ConditionOutcome.noMatch(message.didNotFind("more than one instance").atAll());
        }
    }
}
