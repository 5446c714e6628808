package dev.exactlyonce.benchmark.app;

import java.time.Duration;
import java.util.List;

import jakarta.servlet.DispatcherType;

import dev.exactlyonce.idempotency.IdempotencyObserver;
import dev.exactlyonce.idempotency.IdempotencyProcessor;
import dev.exactlyonce.idempotency.IdempotencyStore;
import dev.exactlyonce.idempotency.InMemoryIdempotencyStore;
import dev.exactlyonce.idempotency.LeaseHeartbeat;
import dev.exactlyonce.idempotency.autoconfigure.IdempotencyProperties;
import dev.exactlyonce.idempotency.metrics.TimedIdempotencyStore;
import dev.exactlyonce.idempotency.redis.RedisIdempotencyStore;
import dev.exactlyonce.idempotency.web.EndpointRule;
import dev.exactlyonce.idempotency.web.IdempotencyFilter;
import dev.exactlyonce.idempotency.web.IdempotentEndpoints;
import dev.exactlyonce.idempotency.web.PrincipalResolver;
import dev.exactlyonce.idempotency.web.ReplayableHeaders;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * The two idempotent endpoints besides the auto-configured one, each with a filter and a store of its own, built
 * the way the auto-configuration builds its own (timed store, the application's observer, heartbeat and policy).
 * Neither store is a bean: an {@link IdempotencyStore} bean would make the auto-configuration back off.
 */
@Configuration(proxyBeanMethods = false)
class ComparedStores {

    @Bean
    FilterRegistrationBean<IdempotencyFilter> windowFilterRegistration(IdempotencyProcessor autoConfigured,
            LeaseHeartbeat heartbeat, IdempotencyObserver observer, MeterRegistry meters, PrincipalResolver principals,
            JsonMapper json, IdempotencyProperties properties, RedisConnectionFactory redis,
            @Value("${benchmark.window:20ms}") Duration window) {
        RedisIdempotencyStore store = new RedisIdempotencyStore(redis, properties.getRedis().getKeyPrefix(), window,
                observer);
        return registration("windowIdempotencyFilter", "/redis-window/orders", store, autoConfigured, heartbeat,
                observer, meters, principals, json, properties);
    }

    @Bean
    FilterRegistrationBean<IdempotencyFilter> memoryFilterRegistration(IdempotencyProcessor autoConfigured,
            LeaseHeartbeat heartbeat, IdempotencyObserver observer, MeterRegistry meters, PrincipalResolver principals,
            JsonMapper json, IdempotencyProperties properties) {
        return registration("memoryIdempotencyFilter", "/memory/orders", new InMemoryIdempotencyStore(),
                autoConfigured, heartbeat, observer, meters, principals, json, properties);
    }

    private static FilterRegistrationBean<IdempotencyFilter> registration(String name, String path,
            IdempotencyStore store, IdempotencyProcessor autoConfigured, LeaseHeartbeat heartbeat,
            IdempotencyObserver observer, MeterRegistry meters, PrincipalResolver principals, JsonMapper json,
            IdempotencyProperties properties) {
        IdempotencyProcessor processor = new IdempotencyProcessor(new TimedIdempotencyStore(store, meters),
                autoConfigured.policy(), heartbeat, observer);
        IdempotencyFilter.Settings settings = new IdempotencyFilter.Settings(properties.getMaxRequestBody().toBytes(),
                Math.toIntExact(properties.getMaxStoredResponse().toBytes()),
                new ReplayableHeaders(properties.getReplayedHeaders()), properties.isAllowAnonymous(),
                properties.getStoreRetryAfter(), properties.getUnstoredStatuses());
        IdempotencyFilter filter = new IdempotencyFilter(processor,
                IdempotentEndpoints.of(List.of(EndpointRule.of(List.of("POST"), path))), principals, observer, json,
                settings);
        FilterRegistrationBean<IdempotencyFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setName(name);
        registration.setOrder(properties.getFilterOrder());
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
        return registration;
    }
}
