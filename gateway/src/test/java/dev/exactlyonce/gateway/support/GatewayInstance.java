package dev.exactlyonce.gateway.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;

import dev.exactlyonce.gateway.GatewayApplication;
import dev.exactlyonce.localinfra.RealServers;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A gateway in an application context of its own, on a random port, in front of {@link StubUpstream}: for
 * what one shared test context cannot show, such as two replicas sharing Redis, or a gateway whose Redis is
 * gone. Redis is the JVM's real one unless a property says otherwise.
 */
public final class GatewayInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private GatewayInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Starts a gateway; {@code properties} ({@code name=value}) come last and so win. */
    public static GatewayInstance start(String... properties) {
        RealServers servers = RealServers.shared();
        // By name, so that a property given twice is overridden rather than made a list.
        Map<String, String> values = new LinkedHashMap<>();
        values.put("server.port", "0");
        values.put("gateway.bank-uri", StubUpstream.shared().url());
        values.put("spring.data.redis.host", servers.redis().host());
        values.put("spring.data.redis.port", String.valueOf(servers.redis().port()));
        for (String property : properties) {
            int equals = property.indexOf('=');
            values.put(property.substring(0, equals), property.substring(equals + 1));
        }
        List<String> arguments = new ArrayList<>(List.of(TestClasspath.asArguments()));
        values.forEach((name, value) -> arguments.add("--" + name + "=" + value));
        return new GatewayInstance(new SpringApplicationBuilder(GatewayApplication.class).run(arguments.toArray(String[]::new)));
    }

    public GatewayHttp http() {
        return new GatewayHttp(Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port")));
    }

    public MeterRegistry meters() {
        return context.getBean(MeterRegistry.class);
    }

    @Override
    public void close() {
        context.close();
    }
}
