package dev.exactlyonce.bank.system;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import dev.exactlyonce.requestid.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The outermost filter. It gives every request an id (the gateway's {@code X-Request-Id} when it is well
 * formed by the rule both services share, {@link RequestIds}, a new one otherwise), puts it in the MDC
 * for log lines and on the reply, and turns anything a later filter throws into a problem: nothing
 * reaches the container's default error page.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestIdFilter extends OncePerRequestFilter {

    /** Request attribute holding the id, for the error dispatch, which runs after the MDC is cleared. */
    static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".id";

    private final Failures failures;

    RequestIdFilter(Failures failures) {
        this.failures = failures;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = RequestIds.acceptOrMint(request.getHeader(RequestIds.HEADER));
        request.setAttribute(ATTRIBUTE, id);
        response.setHeader(RequestIds.HEADER, id);
        MDC.put(RequestIds.MDC_KEY, id);
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException ex) {
            failures.write(ex, request, response);
        } finally {
            MDC.remove(RequestIds.MDC_KEY);
        }
    }

    /** The request id of {@code request}, or {@code null} outside this filter. */
    static String of(HttpServletRequest request) {
        Object id = request.getAttribute(ATTRIBUTE);
        return id instanceof String text ? text : MDC.get(RequestIds.MDC_KEY);
    }
}
