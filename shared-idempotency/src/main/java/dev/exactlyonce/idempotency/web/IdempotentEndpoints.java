package dev.exactlyonce.idempotency.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Which requests need an Idempotency-Key: the configured rules plus every mapping of a handler method
 * annotated with {@link Idempotent}. Annotated handlers are read once, after all singletons exist (the
 * handler mappings have registered their methods by then); the filter only matches paths.
 */
public final class IdempotentEndpoints implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(IdempotentEndpoints.class);

    private final List<EndpointRule> configured;
    private final Supplier<? extends Collection<RequestMappingHandlerMapping>> handlerMappings;
    private volatile List<EndpointRule> rules;

    /**
     * @param handlerMappings where annotated handler methods are looked for
     */
    public IdempotentEndpoints(List<EndpointRule> configured,
            Supplier<? extends Collection<RequestMappingHandlerMapping>> handlerMappings) {
        this.configured = List.copyOf(configured);
        this.handlerMappings = handlerMappings;
    }

    /** Only the given rules; no annotation scanning. */
    public static IdempotentEndpoints of(List<EndpointRule> rules) {
        return new IdempotentEndpoints(rules, List::of);
    }

    /** Whether the request must follow the Idempotency-Key protocol. */
    public boolean matches(HttpServletRequest request) {
        String method = request.getMethod();
        PathContainer path = null;
        for (EndpointRule rule : rules()) {
            if (rule.accepts(method)) {
                // Parsed only when some rule takes this method: most GETs never pay for it.
                if (path == null) {
                    path = RequestPath.parse(request.getRequestURI(), request.getContextPath()).pathWithinApplication();
                }
                if (rule.pattern().matches(path)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Every rule in force. */
    public List<EndpointRule> rules() {
        List<EndpointRule> current = rules;
        if (current == null) {
            synchronized (this) {
                current = rules;
                if (current == null) {
                    current = discover();
                    rules = current;
                }
            }
        }
        return current;
    }

    @Override
    public void afterSingletonsInstantiated() {
        rules();
    }

    private List<EndpointRule> discover() {
        List<EndpointRule> all = new ArrayList<>(configured);
        for (RequestMappingHandlerMapping mapping : handlerMappings.get()) {
            for (Map.Entry<RequestMappingInfo, HandlerMethod> handler : mapping.getHandlerMethods().entrySet()) {
                if (annotated(handler.getValue())) {
                    RequestMappingInfo info = handler.getKey();
                    List<String> methods = info.getMethodsCondition().getMethods().stream().map(Enum::name).toList();
                    for (String pattern : info.getPatternValues()) {
                        all.add(EndpointRule.of(methods, pattern));
                    }
                }
            }
        }
        log.info("Idempotency-Key required on {}", all.isEmpty() ? "no endpoint" : all);
        return List.copyOf(all);
    }

    /** Whether the handler, or its controller, is marked {@link Idempotent}: the rule for which endpoints are keyed. */
    public static boolean annotated(HandlerMethod handler) {
        return handler.hasMethodAnnotation(Idempotent.class)
                || AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), Idempotent.class);
    }
}
