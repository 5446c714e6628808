package dev.exactlyonce.client;

import dev.exactlyonce.localinfra.RealServersInitializer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A second client-app in the test JVM, on the same journal and the same WireMock bank as the shared test
 * context: another replica, or the same client-app after a restart.
 */
public final class AnotherInstance {

    private AnotherInstance() {
    }

    /** Starts it; it resumes whatever the journal holds in doubt as soon as it is ready. Close it when done. */
    public static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(ClientApplication.class)
                .profiles("local", "faults")
                .initializers(new RealServersInitializer(), new BankStub.Initializer())
                .properties("server.port=0")
                .run();
    }

    /** Where the instance serves HTTP. */
    public static String url(ConfigurableApplicationContext instance) {
        return "http://127.0.0.1:" + instance.getEnvironment().getRequiredProperty("local.server.port");
    }
}
