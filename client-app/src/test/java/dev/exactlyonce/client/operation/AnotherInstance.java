package dev.exactlyonce.client.operation;

import dev.exactlyonce.client.BankStub;
import dev.exactlyonce.client.ClientApplication;
import dev.exactlyonce.localinfra.RealServersInitializer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A second client-app in the test JVM, on the same journal and the same WireMock bank as the shared test
 * context: another replica, or the same client-app after a restart.
 */
final class AnotherInstance {

    private AnotherInstance() {
    }

    /** Starts it; it resumes whatever the journal holds in doubt as soon as it is ready. Close it when done. */
    static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(ClientApplication.class)
                .profiles("local", "faults")
                .initializers(new RealServersInitializer(), new BankStub.Initializer())
                .properties("server.port=0")
                .run();
    }
}
