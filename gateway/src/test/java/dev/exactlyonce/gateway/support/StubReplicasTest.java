package dev.exactlyonce.gateway.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * The real gateway, with real Redis, balancing over two {@link StubReplica}s
 * ({@code gateway.bank-instances}), with the health checks of {@code application.yml} (every second) and
 * short retry backoff. A call that reaches a replica the gateway should have left alone gives up after 5
 * seconds rather than 30. Every class with this annotation shares one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        TestClasspath.EXCLUDED_AUTO_CONFIGURATIONS, TestClasspath.NO_API_DOCS, TestClasspath.NO_SWAGGER_UI,
        TestClasspath.NO_IDEMPOTENCY_STARTER,
        "gateway.rate-limit.client.capacity=1000", "gateway.rate-limit.client.refill-tokens=1000",
        "gateway.rate-limit.address.capacity=100000", "gateway.rate-limit.address.refill-tokens=100000",
        "gateway.retry.initial-backoff=20ms", "gateway.retry.max-backoff=100ms", "gateway.retry.jitter=0ms",
        "spring.http.clients.read-timeout=5s" })
@ContextConfiguration(initializers = UpstreamInitializers.Replicas.class)
@Import(GatewayHttpConfiguration.class)
public @interface StubReplicasTest {
}
