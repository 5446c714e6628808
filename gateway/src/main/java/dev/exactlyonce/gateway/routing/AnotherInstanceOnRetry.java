package dev.exactlyonce.gateway.routing;

import java.net.URI;
import java.util.List;

import reactor.core.publisher.Flux;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestData;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.gateway.server.mvc.common.MvcUtils;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

/**
 * For a retry, leaves out the instance the call's previous attempt went to, as long as another is left.
 * Round-robin alone sends a retry to the next instance only when no other call chose in between; under
 * load, a retry after a refused connection could land on the dead instance again, up to the last attempt,
 * until the health check catches up.
 *
 * <p>The previous attempt is known by the URL that Gateway MVC's load-balancer filter left on the request
 * when it chose ({@link MvcUtils#GATEWAY_REQUEST_URL_ATTR}); a first attempt has none. Spring Cloud's own
 * retry-aware supplier cannot be used: it expects a retry context that the filter does not create.
 */
final class AnotherInstanceOnRetry extends DelegatingServiceInstanceListSupplier {

    AnotherInstanceOnRetry(ServiceInstanceListSupplier rotation) {
        super(rotation);
    }

    @Override
    public Flux<List<ServiceInstance>> get() {
        return getDelegate().get();
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Flux<List<ServiceInstance>> get(Request request) {
        URI previousAttempt = previousAttempt(request);
        Flux<List<ServiceInstance>> instances = getDelegate().get(request);
        return previousAttempt == null ? instances : instances.map(candidates -> without(candidates, previousAttempt));
    }

    static List<ServiceInstance> without(List<ServiceInstance> candidates, URI previousAttempt) {
        List<ServiceInstance> others = candidates.stream()
                .filter(instance -> !(instance.getHost().equalsIgnoreCase(previousAttempt.getHost())
                        && instance.getPort() == previousAttempt.getPort()))
                .toList();
        return others.isEmpty() ? candidates : others;
    }

    private static URI previousAttempt(Request<?> request) {
        if (request != null && request.getContext() instanceof RequestDataContext context) {
            RequestData call = context.getClientRequest();
            if (call != null && call.getAttributes() != null
                    && call.getAttributes().get(MvcUtils.GATEWAY_REQUEST_URL_ATTR) instanceof URI url) {
                return url;
            }
        }
        return null;
    }
}
