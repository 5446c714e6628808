package dev.exactlyonce.localinfra;

import java.util.HashMap;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring test context at the JVM's shared {@link RealServers}. Use it through
 * {@code @ContextConfiguration(initializers = RealServersInitializer.class)} so that every test class
 * with the same configuration shares one cached context.
 */
public final class RealServersInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources()
                .addFirst(new MapPropertySource("realServers", new HashMap<>(RealServers.shared().springProperties())));
    }
}
