package dev.exactlyonce.gateway.system;

import dev.exactlyonce.json.servlet.BodyLimitFilter;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;

/**
 * Refuses request bodies over {@code gateway.max-request-size} with 413, and holds accepted bodies in
 * memory: a declared length is checked before anything is read, a chunked body is refused as soon as it
 * passes the limit. Holding the body is also what lets a retry send it again byte for byte.
 */
@Configuration(proxyBeanMethods = false)
class RequestBodyLimit {

    /** Just inside the request id filter, so that a refusal carries its request id. */
    @Bean
    FilterRegistrationBean<BodyLimitFilter> requestBodyLimitFilter(GatewayProperties properties, Problems problems) {
        BodyLimitFilter limit = BodyLimitFilter.holding(properties.getMaxRequestSize().toBytes(), (response, detail) -> {
            // The rest of an oversized body is not worth reading: let the connection go after the answer.
            response.setHeader("Connection", "close");
            problems.write(response, Problems.of(HttpStatus.CONTENT_TOO_LARGE, "request-too-large", "Request too large", detail));
        });
        FilterRegistrationBean<BodyLimitFilter> registration = new FilterRegistrationBean<>(limit);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
