package dev.exactlyonce.client;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Closes the bank's circuit breaker before every test: the context is shared, and a test that made the bank
 * fail must not leave the next one facing an open circuit.
 */
public final class ClosedCircuitBeforeEachTest implements TestExecutionListener {

    @Override
    public void beforeTestMethod(TestContext context) {
        context.getApplicationContext().getBean(CircuitBreakerRegistry.class).circuitBreaker("bank").reset();
    }
}
