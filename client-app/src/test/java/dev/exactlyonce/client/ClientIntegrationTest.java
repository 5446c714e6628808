package dev.exactlyonce.client;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.exactlyonce.localinfra.RealServersInitializer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestExecutionListeners;

/**
 * client-app on a random port, its journal in the JVM's real PostgreSQL, its bank the JVM's
 * {@link BankStub}. Every class with this annotation shares one Spring context, and every test starts with
 * the bank's circuit breaker closed.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({ "local", "faults" })
@ContextConfiguration(initializers = { RealServersInitializer.class, BankStub.Initializer.class })
@Import(ClientHttp.class)
@TestExecutionListeners(listeners = ClosedCircuitBeforeEachTest.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
public @interface ClientIntegrationTest {
}
