package dev.exactlyonce.client.dashboard;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts the money forms that actually reached client-app, by the key they carried, so a test can tell a
 * double-click that sent the form twice from one the browser folded into a single request.
 */
@TestConfiguration(proxyBeanMethods = false)
class FormSubmissions {

    private final Map<String, AtomicInteger> byKey = new ConcurrentHashMap<>();

    int count(String key) {
        AtomicInteger count = byKey.get(key);
        return count == null ? 0 : count.get();
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> formSubmissionCounter() {
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if ("POST".equals(request.getMethod()) && "/dashboard/operations".equals(request.getRequestURI())) {
                    String key = request.getParameter("idempotencyKey");
                    if (key != null) {
                        byKey.computeIfAbsent(key, any -> new AtomicInteger()).incrementAndGet();
                    }
                }
                chain.doFilter(request, response);
            }
        };
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/dashboard/operations");
        return registration;
    }
}
