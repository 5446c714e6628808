package dev.exactlyonce.bank.system;

import java.io.IOException;
import java.util.UUID;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The outermost filter. It gives every request an id (the gateway's {@code X-Request-Id} when it is well
 * formed, a new one otherwise), puts it in the MDC for log lines and on the reply, and turns anything a
 * later filter throws into a problem: nothing reaches the container's default error page.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestIdFilter extends OncePerRequestFilter {

    /** The header that carries the id both ways; the gateway uses the same name. */
    static final String HEADER = "X-Request-Id";

    /** The MDC key under which log lines carry the id; the gateway uses the same key. */
    static final String MDC_KEY = "requestId";

    /** Request attribute holding the id, for the error dispatch, which runs after the MDC is cleared. */
    static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".id";

    private static final int MAX_LENGTH = 128;

    private final Failures failures;

    RequestIdFilter(Failures failures) {
        this.failures = failures;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = acceptOrMint(request.getHeader(HEADER));
        request.setAttribute(ATTRIBUTE, id);
        response.setHeader(HEADER, id);
        MDC.put(MDC_KEY, id);
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException ex) {
            failures.write(ex, request, response);
        } finally {
            MDC.remove(MDC_KEY);
        }
    }

    /** The request id of {@code request}, or {@code null} outside this filter. */
    static String of(HttpServletRequest request) {
        Object id = request.getAttribute(ATTRIBUTE);
        return id instanceof String text ? text : MDC.get(MDC_KEY);
    }

    /**
     * The caller's id when it is 1 to 128 letters, digits and {@code -_.:} (the gateway's rule), otherwise
     * a new one: an id is for reading logs, so one that could forge log lines is replaced, not refused.
     */
    static String acceptOrMint(String offered) {
        return isAcceptable(offered) ? offered : UUID.randomUUID().toString();
    }

    private static boolean isAcceptable(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == ':';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }
}
