package dev.exactlyonce.gateway.support;

/**
 * Settings that keep the gateway a gateway in a test JVM that also holds bank-service's classes.
 *
 * <p>bank-service runs in the same JVM as the gateway under test, so its libraries (Spring Security,
 * JDBC, Flyway, springdoc, the idempotency starter) are on the gateway's classpath too. In production the
 * gateway has none of them; here their auto-configurations are switched off so that the gateway under
 * test is the gateway that ships.
 */
public final class TestClasspath {

    /** Auto-configurations that come with bank-service's libraries and never run in the real gateway. */
    public static final String EXCLUDED_AUTO_CONFIGURATIONS = "spring.autoconfigure.exclude="
            + "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration,"
            + "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration,"
            + "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration,"
            + "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration,"
            + "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration,"
            + "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration,"
            + "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
            + "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration";

    public static final String NO_API_DOCS = "springdoc.api-docs.enabled=false";

    public static final String NO_SWAGGER_UI = "springdoc.swagger-ui.enabled=false";

    /**
     * bank-service's idempotency starter. The gateway itself depends only on idempotency-core (ArchitectureTests
     * holds it to that); the starter is here only because bank-service runs in this JVM.
     */
    public static final String NO_IDEMPOTENCY_STARTER = "exactlyonce.idempotency.enabled=false";

    /** All of the above, as command-line arguments for a gateway started with SpringApplicationBuilder. */
    public static String[] asArguments() {
        return new String[] { "--" + EXCLUDED_AUTO_CONFIGURATIONS, "--" + NO_API_DOCS, "--" + NO_SWAGGER_UI,
                "--" + NO_IDEMPOTENCY_STARTER };
    }

    private TestClasspath() {
    }
}
