package dev.exactlyonce.idempotency.autoconfigure;

import java.time.Duration;

import dev.exactlyonce.idempotency.IdempotencyObserver;
import dev.exactlyonce.idempotency.IdempotencyProcessor;
import dev.exactlyonce.idempotency.IdempotencyStore;
import dev.exactlyonce.idempotency.InMemoryIdempotencyStore;
import dev.exactlyonce.idempotency.metrics.MicrometerIdempotencyObserver;
import dev.exactlyonce.idempotency.redis.RedisIdempotencyStore;
import dev.exactlyonce.idempotency.web.IdempotencyFilter;
import dev.exactlyonce.idempotency.web.IdempotentEndpoints;
import dev.exactlyonce.idempotency.web.PrincipalResolver;
import dev.exactlyonce.idempotency.web.SecurityContextPrincipalResolver;
import dev.exactlyonce.idempotency.web.ServletPrincipalResolver;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;

class IdempotencyAutoConfigurationTests {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, IdempotencyAutoConfiguration.class));

    @Test
    void installsFilterWithRedisStoreRightAfterSpringSecurity() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(RedisIdempotencyStore.class).hasSingleBean(IdempotencyProcessor.class)
                    .hasSingleBean(IdempotentEndpoints.class);
            FilterRegistrationBean<?> registration = context.getBean("idempotencyFilterRegistration",
                    FilterRegistrationBean.class);
            assertThat(registration.getFilter()).isInstanceOf(IdempotencyFilter.class);
            assertThat(registration.getOrder()).isEqualTo(-90);
        });
    }

    @Test
    void buildsTheRedisStoreOnAClusterConfigurationWithoutReachingTheCluster() {
        runner.withPropertyValues("spring.data.redis.cluster.nodes=127.0.0.1:1,127.0.0.1:2")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(RedisIdempotencyStore.class));
    }

    @Test
    void refusesToStartWithAKeyPrefixHoldingABraceAndSaysWhy() {
        runner.withPropertyValues("exactlyonce.idempotency.redis.key-prefix=idem{x}:").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("hash tag").hasMessageContaining("idem{x}:");
        });
    }

    @Test
    void appliesDefaultsOfTheSpecification() {
        runner.run(context -> {
            IdempotencyProcessor processor = context.getBean(IdempotencyProcessor.class);
            assertThat(processor.policy().retention()).isEqualTo(Duration.ofHours(24));
            assertThat(processor.policy().lease()).isEqualTo(Duration.ofSeconds(10));
            assertThat(processor.policy().heartbeat()).isEqualTo(Duration.ofSeconds(10).dividedBy(3));
            assertThat(processor.policy().waits()).isFalse();
            IdempotencyProperties properties = context.getBean(IdempotencyProperties.class);
            assertThat(properties.getMaxRequestBody().toBytes()).isEqualTo(1024 * 1024);
        });
    }

    @Test
    void bindsEndpointsTimingsAndWaitMode() {
        runner.withPropertyValues("exactlyonce.idempotency.endpoints[0].paths=/api/v1/accounts/{id}/debits,/api/v1/transfers",
                "exactlyonce.idempotency.endpoints[1].methods=PUT,patch",
                "exactlyonce.idempotency.endpoints[1].paths=/api/v1/things/**",
                "exactlyonce.idempotency.lease=6s", "exactlyonce.idempotency.heartbeat=1s",
                "exactlyonce.idempotency.wait.enabled=true", "exactlyonce.idempotency.wait.timeout=3s",
                "exactlyonce.idempotency.filter-order=5")
                .run(context -> {
                    assertThat(context.getBean(IdempotentEndpoints.class).rules()).map(Object::toString)
                            .containsExactly("POST /api/v1/accounts/{id}/debits", "POST /api/v1/transfers",
                                    "PATCH|PUT /api/v1/things/**");
                    IdempotencyProcessor processor = context.getBean(IdempotencyProcessor.class);
                    assertThat(processor.policy().lease()).isEqualTo(Duration.ofSeconds(6));
                    assertThat(processor.policy().heartbeat()).isEqualTo(Duration.ofSeconds(1));
                    assertThat(processor.policy().waitTimeout()).isEqualTo(Duration.ofSeconds(3));
                    assertThat(context.getBean("idempotencyFilterRegistration", FilterRegistrationBean.class).getOrder())
                            .isEqualTo(5);
                });
    }

    @Test
    void installsNothingWhenSwitchedOff() {
        runner.withPropertyValues("exactlyonce.idempotency.enabled=false").run(context -> assertThat(context)
                .doesNotHaveBean(IdempotencyProcessor.class).doesNotHaveBean("idempotencyFilterRegistration"));
    }

    @Test
    void installsNothingOutsideServletWebApplications() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, IdempotencyAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(IdempotencyProcessor.class));
    }

    @Test
    void installsNothingWithoutJackson3() {
        runner.withClassLoader(new FilteredClassLoader(JsonMapper.class))
                .run(context -> assertThat(context).doesNotHaveBean(IdempotencyProcessor.class));
    }

    @Test
    void refusesToStartWithoutAnyStoreRatherThanRunUnprotected() {
        new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(IdempotencyAutoConfiguration.class))
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasMessageContaining(IdempotencyStore.class.getName()));
    }

    @Test
    void backsOffForApplicationBeans() {
        InMemoryIdempotencyStore store = new InMemoryIdempotencyStore();
        PrincipalResolver tenant = request -> request.getHeader("X-Tenant");
        IdempotencyObserver observer = new IdempotencyObserver() {
        };
        runner.withBean(IdempotencyStore.class, () -> store).withBean(PrincipalResolver.class, () -> tenant)
                .withBean(IdempotencyObserver.class, () -> observer)
                .run(context -> {
                    assertThat(context).doesNotHaveBean(RedisIdempotencyStore.class);
                    assertThat(context.getBean(IdempotencyStore.class)).isSameAs(store);
                    assertThat(context.getBean(PrincipalResolver.class)).isSameAs(tenant);
                    assertThat(context.getBean(IdempotencyObserver.class)).isSameAs(observer);
                });
    }

    @Test
    void scopesKeysBySpringSecurityWhenPresent() {
        runner.run(context -> assertThat(context.getBean(PrincipalResolver.class))
                .isInstanceOf(SecurityContextPrincipalResolver.class));
    }

    @Test
    void scopesKeysByServletPrincipalWithoutSpringSecurity() {
        runner.withClassLoader(new FilteredClassLoader(SecurityContextHolder.class))
                .run(context -> assertThat(context.getBean(PrincipalResolver.class))
                        .isInstanceOf(ServletPrincipalResolver.class));
    }

    @Test
    void recordsMetricsWhenAMeterRegistryExists() {
        runner.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            assertThat(context.getBean(IdempotencyObserver.class)).isInstanceOf(MicrometerIdempotencyObserver.class);
            assertThat(context.getBean(SimpleMeterRegistry.class).find("idempotency.requests").tag("outcome", "executed")
                    .counter()).isNotNull();
            for (String result : new String[] { "stored", "refused", "released", "taken_over", "vanished", "failed" }) {
                assertThat(context.getBean(SimpleMeterRegistry.class).find("idempotency.executions").tag("result", result)
                        .counter()).as(result).isNotNull();
            }
            assertThat(context.getBean(SimpleMeterRegistry.class).find("idempotency.lease.renewals")
                    .tag("result", "vanished").counter()).isNotNull();
        });
        runner.run(context -> assertThat(context.getBean(IdempotencyObserver.class)).isSameAs(IdempotencyObserver.NONE));
    }

    @Test
    void refusesToReplayCredentialHeaders() {
        runner.withPropertyValues("exactlyonce.idempotency.replayed-headers=ETag,Set-Cookie")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("'Set-Cookie' may not be replayed"));
    }

    @Test
    void refusesEndpointWithoutPaths() {
        runner.withPropertyValues("exactlyonce.idempotency.endpoints[0].methods=POST")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("endpoints[0] lists no paths"));
    }

    @Test
    void refusesHeartbeatNoShorterThanLease() {
        runner.withPropertyValues("exactlyonce.idempotency.lease=2s", "exactlyonce.idempotency.heartbeat=2s")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("heartbeat (PT2S) must be shorter than the lease (PT2S)"));
    }

    @Test
    void leavesRefusalsBeforeTheOperationUnstoredByDefault() {
        runner.run(context -> assertThat(IdempotencyAutoConfiguration.settings(context.getBean(IdempotencyProperties.class))
                .unstoredStatuses()).containsExactlyInAnyOrder(400, 401, 403, 404, 405, 408, 410, 411, 413, 414, 415, 429,
                        431));
    }

    @Test
    void bindsUnstoredStatuses() {
        runner.withPropertyValues("exactlyonce.idempotency.unstored-statuses=400,422")
                .run(context -> assertThat(IdempotencyAutoConfiguration.settings(
                        context.getBean(IdempotencyProperties.class)).unstoredStatuses()).containsExactlyInAnyOrder(400, 422));
    }

    @Test
    void refusesUnstoredStatusesOutside4xx() {
        runner.withPropertyValues("exactlyonce.idempotency.unstored-statuses=400,201")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("only hold 4xx statuses").hasMessageContaining("got 201"));
    }
}
