package dev.exactlyonce.bank.system;

import dev.exactlyonce.json.servlet.BodyLimitFilter;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

/**
 * The one body limit, {@code bank.max-request-body}: bodies over it are answered 413. A declared length over
 * it is refused before anything is read; a chunked body is counted as it is read (by the JSON check, the
 * Idempotency-Key filter) and refused when the count passes it, with nothing held in memory to count it and
 * nothing read before the caller is authenticated. The Idempotency-Key filter's own limit is set from the
 * same property in application.yml.
 */
@Configuration(proxyBeanMethods = false)
class RequestBodyLimit {

    /** Just inside {@link RequestIdFilter}, so that a refusal carries its request id. */
    @Bean
    FilterRegistrationBean<BodyLimitFilter> requestBodyLimitFilter(@Value("${bank.max-request-body}") DataSize maxBody,
            Problems problems) {
        FilterRegistrationBean<BodyLimitFilter> registration = new FilterRegistrationBean<>(BodyLimitFilter.counting(
                maxBody.toBytes(), (response, detail) -> problems.write(response,
                        Problems.of(HttpStatus.CONTENT_TOO_LARGE, "request-too-large", "Request too large", detail))));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }
}
