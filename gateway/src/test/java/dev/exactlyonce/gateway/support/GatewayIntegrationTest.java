package dev.exactlyonce.gateway.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * The real gateway on a random port in front of the real bank-service, both against the JVM's real
 * PostgreSQL and Redis, with the fault mode on. Every class with this annotation shares one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        TestClasspath.EXCLUDED_AUTO_CONFIGURATIONS, TestClasspath.NO_API_DOCS, TestClasspath.NO_SWAGGER_UI,
        TestClasspath.NO_IDEMPOTENCY_STARTER,
        "gateway.faults.enabled=true",
        "gateway.rate-limit.client.capacity=1000", "gateway.rate-limit.client.refill-tokens=1000",
        "gateway.rate-limit.address.capacity=100000", "gateway.rate-limit.address.refill-tokens=100000" })
@ContextConfiguration(initializers = UpstreamInitializers.Bank.class)
@Import(GatewayHttpConfiguration.class)
public @interface GatewayIntegrationTest {
}
