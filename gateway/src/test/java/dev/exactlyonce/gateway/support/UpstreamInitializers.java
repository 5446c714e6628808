package dev.exactlyonce.gateway.support;

import java.util.HashMap;
import java.util.Map;

import dev.exactlyonce.localinfra.RealServers;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Points a gateway test context at the JVM's real Redis and at its upstream. */
public final class UpstreamInitializers {

    private UpstreamInitializers() {
    }

    static void point(ConfigurableApplicationContext context, String upstream) {
        point(context, "gateway.bank-uri", upstream);
    }

    private static void point(ConfigurableApplicationContext context, String property, String upstream) {
        RealServers servers = RealServers.shared();
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.data.redis.host", servers.redis().host());
        properties.put("spring.data.redis.port", String.valueOf(servers.redis().port()));
        properties.put(property, upstream);
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("gatewayTestUpstream", properties));
    }

    /** The real bank-service, started in this JVM. */
    public static final class Bank implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            point(context, BankServer.shared().url());
        }
    }

    /** Both stub replicas, as {@code gateway.bank-instances}. */
    public static final class Replicas implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            point(context, "gateway.bank-instances", StubReplica.first().url() + "," + StubReplica.second().url());
        }
    }

    /** The scripted stub. */
    public static final class Stub implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            point(context, StubUpstream.shared().url());
        }
    }
}
