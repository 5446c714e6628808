package dev.exactlyonce.client.dashboard;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.exactlyonce.client.ClientHttp;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * client-app on a random port in front of the real {@link Platform}: the gateway in fault mode, bank-service,
 * PostgreSQL and Redis. Every class with this annotation shares one Spring context and one platform.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "client.dashboard.poll-interval=1s")
@ActiveProfiles("local")
@ContextConfiguration(initializers = Platform.Initializer.class)
@Import({ FormSubmissions.class, ClientHttp.class })
@interface DashboardIntegrationTest {
}
