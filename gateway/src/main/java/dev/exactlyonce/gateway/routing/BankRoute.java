package dev.exactlyonce.gateway.routing;

import java.net.URI;
import java.util.List;

import dev.exactlyonce.gateway.system.GatewayProperties;
import dev.exactlyonce.requestid.RequestIds;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.function.HandlerFilterFunction;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

import static org.springframework.cloud.gateway.server.mvc.filter.AfterFilterFunctions.removeResponseHeader;
import static org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions.uri;
import static org.springframework.cloud.gateway.server.mvc.filter.LoadBalancerFilterFunctions.lb;
import static org.springframework.cloud.gateway.server.mvc.handler.GatewayRouterFunctions.route;
import static org.springframework.cloud.gateway.server.mvc.handler.HandlerFunctions.http;

/**
 * The one route: {@code /api/**} to bank-service, unchanged, with the bearer token and the request id.
 * It is declared in code rather than under {@code spring.cloud.gateway.server.webmvc.routes} because its
 * filters are beans.
 */
@Configuration(proxyBeanMethods = false)
class BankRoute {

    /** The route's id, and the name bank-service goes by in the load balancer. */
    static final String ROUTE_ID = "bank-service";

    @Bean
    RouterFunction<ServerResponse> bankServiceRoute(GatewayProperties properties, ObjectProvider<ApiFilter> filters) {
        RouterFunctions.Builder route = route(ROUTE_ID).route(RequestPredicates.path("/api/**"), http());
        HandlerFilterFunction<ServerResponse, ServerResponse> chain = chain(filters.orderedStream().toList());
        List<URI> instances = properties.getBankInstances();
        if (BankLoadBalancing.balances(instances)) {
            // Filters added later run further in. The instance is chosen innermost, inside the retries, so
            // that every attempt chooses again: one that could not reach an instance goes to another.
            route.filter(chain).filter(lb(ROUTE_ID));
        } else {
            route.before(uri(instances.isEmpty() ? properties.getBankUri() : instances.get(0))).filter(chain);
        }
        // The gateway's X-Request-Id is already on the reply; a second copy from upstream would be noise.
        return route.after(removeResponseHeader(RequestIds.HEADER)).build();
    }

    /** Upstream failures become problems outermost; then each filter in order, the first outermost. */
    static HandlerFilterFunction<ServerResponse, ServerResponse> chain(List<? extends ApiFilter> filters) {
        HandlerFilterFunction<ServerResponse, ServerResponse> chain = new UpstreamFailures();
        for (ApiFilter filter : filters) {
            chain = chain.andThen(filter);
        }
        return chain;
    }
}
