package dev.exactlyonce.gateway.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * The real gateway, with real Redis, in front of {@link StubUpstream}: for what only a scripted upstream
 * can show (a 503 once, every header an attempt carried). Small rate limit (5 calls per minute per
 * client; every test calls from 127.0.0.1, so the address bucket is out of the way) and short backoff. Every class with this annotation shares one context; use a fresh token per
 * test so that tests do not share a rate budget.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        TestClasspath.EXCLUDED_AUTO_CONFIGURATIONS, TestClasspath.NO_API_DOCS, TestClasspath.NO_SWAGGER_UI,
        TestClasspath.NO_IDEMPOTENCY_STARTER,
        "gateway.rate-limit.client.capacity=" + StubUpstreamTest.RATE_LIMIT,
        "gateway.rate-limit.client.refill-tokens=" + StubUpstreamTest.RATE_LIMIT, "gateway.rate-limit.client.refill-period=60s",
        "gateway.rate-limit.address.capacity=100000", "gateway.rate-limit.address.refill-tokens=100000",
        "gateway.retry.initial-backoff=20ms", "gateway.retry.max-backoff=100ms", "gateway.retry.jitter=0ms" })
@ContextConfiguration(initializers = UpstreamInitializers.Stub.class)
@Import(GatewayHttpConfiguration.class)
public @interface StubUpstreamTest {

    /** Calls per client per minute in this context. */
    int RATE_LIMIT = 5;
}
