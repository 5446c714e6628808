package dev.exactlyonce.gateway.system;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over {@code gateway.max-request-size} with 413, and holds accepted bodies in
 * memory. A declared length is checked before anything is read; a chunked body is refused as soon as it
 * passes the limit. Holding the body is also what lets a retry send it again byte for byte.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestBodyLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;

    private final Problems problems;

    RequestBodyLimitFilter(GatewayProperties properties, Problems problems) {
        this.maxBytes = properties.getMaxRequestSize().toBytes();
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            refuse(response, "The request body is " + declared + " bytes; at most " + maxBytes + " are accepted");
            return;
        }
        boolean chunked = declared < 0 && request.getHeader("Transfer-Encoding") != null;
        if (declared == 0 || (declared < 0 && !chunked)) {
            chain.doFilter(request, response);
            return;
        }
        CachedBodyRequest cached = CachedBodyRequest.read(request, maxBytes);
        if (cached == null) {
            refuse(response, "The request body is over " + maxBytes + " bytes");
            return;
        }
        chain.doFilter(cached, response);
    }

    private void refuse(HttpServletResponse response, String detail) throws IOException {
        // The rest of an oversized body is not worth reading: let the connection go after the answer.
        response.setHeader("Connection", "close");
        problems.write(response, Problems.of(HttpStatus.CONTENT_TOO_LARGE, "request-too-large", "Request too large", detail));
    }
}
