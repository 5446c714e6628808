package dev.exactlyonce.client.bank;

import java.time.Clock;

import feign.codec.ErrorDecoder;
import io.github.resilience4j.common.retry.configuration.RetryConfigCustomizer;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.retry.RetryConfig;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.cloud.openfeign.clientconfig.HttpClient5FeignConfiguration.HttpClientBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring of the bank client: error decoding, the HTTP client, and the retry interval. */
@Configuration(proxyBeanMethods = false)
@EnableFeignClients(clients = BankApiClient.class)
class BankClientConfiguration {

    @Bean
    ErrorDecoder bankErrorDecoder(JsonMapper json) {
        return new BankErrorDecoder(json);
    }

    /**
     * Apache HttpClient retries on its own unless told not to (idempotent requests after an I/O error, 429
     * and 503 with Retry-After). Every retry must be one Resilience4j counts, journals and bounds.
     */
    @Bean
    HttpClientBuilderCustomizer noHiddenRetries() {
        return builder -> builder.disableAutomaticRetries();
    }

    @Bean
    RetryConfigCustomizer bankWritesInterval(Clock clock) {
        return honourRetryAfterAndDeadline("bankWrites", clock);
    }

    @Bean
    RetryConfigCustomizer bankReadsInterval(Clock clock) {
        return honourRetryAfterAndDeadline("bankReads", clock);
    }

    /**
     * Keeps the backoff configured in properties (exponential, randomized) and wraps it in
     * {@link BankRetryInterval}. Building the half-configured builder is how the properties' interval is
     * read back: it has no getter.
     */
    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static RetryConfigCustomizer honourRetryAfterAndDeadline(String instance, Clock clock) {
        return RetryConfigCustomizer.of(instance, builder -> {
            RetryConfig configured = builder.build();
            IntervalBiFunction<Object> backoff = configured.getIntervalBiFunction();
            ((RetryConfig.Builder) builder).intervalBiFunction(new BankRetryInterval(backoff, clock));
        });
    }
}
