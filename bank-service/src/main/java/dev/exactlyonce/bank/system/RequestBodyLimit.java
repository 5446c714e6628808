package dev.exactlyonce.bank.system;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.exactlyonce.json.servlet.BoundedRequest;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over 1 MiB with 413 before anything reads them. A body without a declared
 * length is refused when it passes the limit while being read. It runs just inside {@link RequestIdFilter}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class RequestBodyLimitFilter extends OncePerRequestFilter {

    static final long MAX_BODY_BYTES = 1024 * 1024;

    private final Problems problems;

    RequestBodyLimitFilter(Problems problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > MAX_BODY_BYTES) {
            problems.write(response, Problems.of(HttpStatus.CONTENT_TOO_LARGE, "request-too-large", "Request too large",
                    "The request body is " + declared + " bytes; at most " + MAX_BODY_BYTES + " are accepted"));
            return;
        }
        if (declared < 0 && request.getHeader("Transfer-Encoding") != null) {
            BoundedRequest bounded = BoundedRequest.read(request, MAX_BODY_BYTES);
            if (bounded == null) {
                problems.write(response, Problems.of(HttpStatus.CONTENT_TOO_LARGE, "request-too-large",
                        "Request too large", "The request body is over " + MAX_BODY_BYTES + " bytes"));
                return;
            }
            chain.doFilter(bounded, response);
            return;
        }
        chain.doFilter(request, response);
    }
}
