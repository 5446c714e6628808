package dev.exactlyonce.gateway.support;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import dev.exactlyonce.bank.BankApplication;
import dev.exactlyonce.localinfra.RealServers;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The real bank-service, started once per test JVM in the {@code local} profile against the JVM's real
 * PostgreSQL and Redis, on a free port.
 */
public final class BankServer {

    private final ConfigurableApplicationContext context;

    private final int port;

    private BankServer(ConfigurableApplicationContext context) {
        this.context = context;
        this.port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    public static BankServer shared() {
        return Shared.SERVER;
    }

    /** Started on first use, once per JVM: the JVM initialises this class lazily and under a lock. */
    private static final class Shared {

        static final BankServer SERVER = start();
    }

    private static BankServer start() {
        List<String> arguments = new ArrayList<>();
        RealServers.shared().springProperties().forEach((name, value) -> arguments.add("--" + name + "=" + value));
        arguments.add("--server.port=0");
        // The gateway's application.yml comes first on this classpath and would shadow the bank's own.
        arguments.add("--spring.config.location=" + bankConfigLocation());
        // The gateway's libraries are on this classpath too. With no route they proxy nothing, but their
        // servlet filters would see every request: the bank never runs them.
        arguments.add("--spring.cloud.gateway.server.webmvc.form-filter.enabled=false");
        arguments.add("--spring.cloud.gateway.server.webmvc.weight-calculator-filter.enabled=false");
        arguments.add("--spring.cloud.loadbalancer.cache.enabled=false");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(BankApplication.class)
                .profiles("local")
                .run(arguments.toArray(String[]::new));
        return new BankServer(context);
    }

    /** Where bank-service's own application.yml lives: its classes directory or its plain jar. */
    private static String bankConfigLocation() {
        try {
            Path source = Path.of(BankApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isDirectory(source) ? "file:" + source + "/"
                    : "jar:" + source.toUri() + "!/";
        } catch (URISyntaxException ex) {
            throw new IllegalStateException(ex);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The bank's own database, to check what was recorded rather than what was answered. */
    public JdbcClient jdbc() {
        return context.getBean(JdbcClient.class);
    }

    /** Operations of every kind and outcome recorded against the account. */
    public long operations(UUID account) {
        return jdbc().sql("select count(*) from operation where account_id = :id").param("id", account)
                .query(Long.class).single();
    }

    /** Completed debits recorded against the account. */
    public long completedDebits(UUID account) {
        return jdbc().sql("select count(*) from operation where account_id = :id and type = 'DEBIT' and status = 'COMPLETED'")
                .param("id", account).query(Long.class).single();
    }

    /** Requests bank-service's own HTTP server has finished for the given URI template, whatever their answer. */
    public long requestsServed(String method, String uriTemplate) {
        MeterRegistry meters = context.getBean(MeterRegistry.class);
        return meters.find("http.server.requests").tags("method", method, "uri", uriTemplate).timers().stream()
                .mapToLong(Timer::count).sum();
    }
}
