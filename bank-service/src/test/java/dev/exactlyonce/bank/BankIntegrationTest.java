package dev.exactlyonce.bank;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.exactlyonce.localinfra.RealServersInitializer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * A real bank-service on a random port against the JVM's real PostgreSQL and Redis. Every class with
 * this annotation shares one Spring context. A test class may {@code @Autowired} a {@link BankHttp}
 * (a fresh one for each test) and a {@link LedgerCheck}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("local")
@ContextConfiguration(initializers = RealServersInitializer.class)
@Import(BankTestBeans.class)
public @interface BankIntegrationTest {
}
