package dev.exactlyonce.bank.system;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.swagger.v3.oas.annotations.Hidden;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Test-only ways to make the bank fail unexpectedly, in a handler and in a filter. Their messages are
 * full of internals, so a test can check that none of it reaches the caller.
 */
@Configuration(proxyBeanMethods = false)
class FailureProbes {

    static final String SECRET = "select secret from internal_table where dev.exactlyonce.Hidden";

    static final String HANDLER_PATH = "/api/v1/test-probes/handler-failure";

    static final String FILTER_PATH = "/api/v1/test-probes/filter-failure";

    @Bean
    @Order(-50)
    OncePerRequestFilter failingFilter() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if (FILTER_PATH.equals(request.getRequestURI())) {
                    throw new IllegalStateException(SECRET);
                }
                chain.doFilter(request, response);
            }
        };
    }

    /** Found by component scanning, as it lives under the application's package; not part of the API's description. */
    @Hidden
    @RestController
    static class ProbeController {

        @GetMapping(HANDLER_PATH)
        String fail() {
            throw new IllegalStateException(SECRET, new java.sql.SQLException(SECRET, "XX000"));
        }
    }
}
