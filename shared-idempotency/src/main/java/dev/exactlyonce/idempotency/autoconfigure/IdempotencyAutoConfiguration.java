package dev.exactlyonce.idempotency.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.DispatcherType;

import dev.exactlyonce.idempotency.IdempotencyObserver;
import dev.exactlyonce.idempotency.IdempotencyPolicy;
import dev.exactlyonce.idempotency.IdempotencyProcessor;
import dev.exactlyonce.idempotency.IdempotencyStore;
import dev.exactlyonce.idempotency.LeaseHeartbeat;
import dev.exactlyonce.idempotency.metrics.MicrometerIdempotencyObserver;
import dev.exactlyonce.idempotency.metrics.TimedIdempotencyStore;
import dev.exactlyonce.idempotency.redis.RedisIdempotencyStore;
import dev.exactlyonce.idempotency.web.EndpointRule;
import dev.exactlyonce.idempotency.web.IdempotencyFilter;
import dev.exactlyonce.idempotency.web.IdempotentEndpoints;
import dev.exactlyonce.idempotency.web.PrincipalResolver;
import dev.exactlyonce.idempotency.web.ReplayableHeaders;
import dev.exactlyonce.idempotency.web.SecurityContextPrincipalResolver;
import dev.exactlyonce.idempotency.web.ServletPrincipalResolver;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Installs the Idempotency-Key filter in a Spring MVC application, with its records in the
 * application's Redis. Every bean backs off when the application defines its own: a different
 * {@link IdempotencyStore}, {@link PrincipalResolver} or {@link IdempotencyObserver}, for example.
 *
 * <p>There is deliberately no fallback when no store can be built: a service that asked for
 * idempotency protection and silently ran without it would be worse than one that does not start.
 */
@AutoConfiguration(after = DataRedisAutoConfiguration.class,
        afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ RequestMappingHandlerMapping.class, JsonMapper.class })
@ConditionalOnBooleanProperty(name = "exactlyonce.idempotency.enabled", matchIfMissing = true)
@EnableConfigurationProperties(IdempotencyProperties.class)
public final class IdempotencyAutoConfiguration {

    private static final Duration MIN_TICK = Duration.ofMillis(10);

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(IdempotencyStore.class)
    @ConditionalOnBean(RedisConnectionFactory.class)
    RedisIdempotencyStore idempotencyStore(RedisConnectionFactory connectionFactory, IdempotencyProperties properties,
            IdempotencyObserver observer) {
        return new RedisIdempotencyStore(connectionFactory, properties.getRedis().getKeyPrefix(),
                properties.getRedis().getCompletionWindow(), observer, properties.getRedis().isEarlierRecordLayout());
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    LeaseHeartbeat idempotencyLeaseHeartbeat(IdempotencyProperties properties) {
        // Renewals run at most a quarter of the heartbeat late: well inside the lease.
        Duration tick = policy(properties).heartbeat().dividedBy(4);
        return new LeaseHeartbeat(properties.getHeartbeatThreads(), tick.compareTo(MIN_TICK) < 0 ? MIN_TICK : tick);
    }

    @Bean
    @ConditionalOnMissingBean
    IdempotencyObserver idempotencyObserver(ObjectProvider<MeterRegistry> registry) {
        MeterRegistry meters = registry.getIfUnique();
        return meters == null ? IdempotencyObserver.NONE : new MicrometerIdempotencyObserver(meters);
    }

    @Bean
    @ConditionalOnMissingBean
    IdempotencyProcessor idempotencyProcessor(IdempotencyStore store, IdempotencyProperties properties,
            LeaseHeartbeat heartbeat, IdempotencyObserver observer, ObjectProvider<MeterRegistry> registry) {
        MeterRegistry meters = registry.getIfUnique();
        IdempotencyStore timed = meters == null ? store : new TimedIdempotencyStore(store, meters);
        return new IdempotencyProcessor(timed, policy(properties), heartbeat, observer);
    }

    @Bean
    @ConditionalOnMissingBean
    IdempotentEndpoints idempotentEndpoints(IdempotencyProperties properties,
            ObjectProvider<RequestMappingHandlerMapping> handlerMappings) {
        return new IdempotentEndpoints(rules(properties), () -> handlerMappings.orderedStream().toList());
    }

    @Bean
    @ConditionalOnMissingBean(name = "idempotencyFilterRegistration")
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilterRegistration(IdempotencyProcessor processor,
            IdempotentEndpoints endpoints, PrincipalResolver principals, IdempotencyObserver observer,
            ObjectProvider<JsonMapper> json, IdempotencyProperties properties) {
        IdempotencyFilter filter = new IdempotencyFilter(processor, endpoints, principals, observer,
                json.getIfUnique(() -> JsonMapper.builder().build()), settings(properties));
        FilterRegistrationBean<IdempotencyFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setName("idempotencyFilter");
        registration.setOrder(properties.getFilterOrder());
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
        return registration;
    }

    static IdempotencyPolicy policy(IdempotencyProperties properties) {
        Duration lease = properties.getLease();
        Duration heartbeat = properties.getHeartbeat() != null ? properties.getHeartbeat() : lease.dividedBy(3);
        IdempotencyProperties.Wait wait = properties.getWait();
        return new IdempotencyPolicy(lease, heartbeat, properties.getRetention(),
                wait.isEnabled() ? wait.getTimeout() : Duration.ZERO, wait.getPollInterval());
    }

    static IdempotencyFilter.Settings settings(IdempotencyProperties properties) {
        return new IdempotencyFilter.Settings(properties.getMaxRequestBody().toBytes(),
                Math.toIntExact(properties.getMaxStoredResponse().toBytes()),
                new ReplayableHeaders(properties.getReplayedHeaders()), properties.isAllowAnonymous(),
                properties.getStoreRetryAfter(), properties.getUnstoredStatuses());
    }

    static List<EndpointRule> rules(IdempotencyProperties properties) {
        List<EndpointRule> rules = new ArrayList<>();
        List<IdempotencyProperties.Endpoint> endpoints = properties.getEndpoints();
        for (int i = 0; i < endpoints.size(); i++) {
            IdempotencyProperties.Endpoint endpoint = endpoints.get(i);
            if (endpoint.getPaths().isEmpty()) {
                throw new IllegalArgumentException("exactlyonce.idempotency.endpoints[" + i + "] lists no paths");
            }
            for (String path : endpoint.getPaths()) {
                rules.add(EndpointRule.of(endpoint.getMethods(), path));
            }
        }
        return rules;
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(SecurityContextHolder.class)
    static class SecurityPrincipalConfiguration {

        @Bean
        @ConditionalOnMissingBean
        PrincipalResolver idempotencyPrincipalResolver() {
            return new SecurityContextPrincipalResolver();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass("org.springframework.security.core.context.SecurityContextHolder")
    static class ServletPrincipalConfiguration {

        @Bean
        @ConditionalOnMissingBean
        PrincipalResolver idempotencyPrincipalResolver() {
            return new ServletPrincipalResolver();
        }
    }
}
