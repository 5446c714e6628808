package dev.exactlyonce.localinfra;

import java.util.HashMap;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring test context's Redis at the JVM's shared {@link RedisCluster}, through
 * {@code spring.data.redis.cluster.nodes} as an application on a cluster is configured.
 */
public final class RedisClusterInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources()
                .addFirst(new MapPropertySource("redisCluster", new HashMap<>(RedisCluster.shared().springProperties())));
    }
}
