package dev.exactlyonce.client.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.exactlyonce.client.ServiceProcess;
import dev.exactlyonce.localinfra.PostgresServer;
import dev.exactlyonce.localinfra.RealServers;
import dev.exactlyonce.localinfra.RedisServer;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * The real platform behind the dashboard under test: bank-service and the gateway (fault mode on) from
 * their own jars as child processes, the JVM's real PostgreSQL and Redis under them, each service with a
 * database of its own. Started once per JVM; client-app itself runs in the test's Spring context.
 */
final class Platform {

    private static volatile Platform shared;

    private final ServiceProcess bank;

    private final ServiceProcess gateway;

    private final String journalUrl;

    private Platform(ServiceProcess bank, ServiceProcess gateway, String journalUrl) {
        this.bank = bank;
        this.gateway = gateway;
        this.journalUrl = journalUrl;
    }

    static Platform shared() {
        Platform platform = shared;
        if (platform == null) {
            synchronized (Platform.class) {
                platform = shared;
                if (platform == null) {
                    platform = start();
                    shared = platform;
                }
            }
        }
        return platform;
    }

    private static Platform start() {
        RealServers servers = RealServers.shared();
        PostgresServer postgres = servers.postgres();
        RedisServer redis = servers.redis();
        String suffix = Long.toString(System.nanoTime(), 36);
        String bankDb = createDatabase(postgres, "dashboard_bank_" + suffix);
        String journalDb = createDatabase(postgres, "dashboard_client_" + suffix);
        List<String> redisArgs = List.of("--spring.data.redis.host=" + redis.host(),
                "--spring.data.redis.port=" + redis.port());
        ServiceProcess bank = ServiceProcess.start("bank-service", Path.of("..", "bank-service", "target", "bank-service.jar"),
                concat(redisArgs, "--spring.profiles.active=local", "--spring.datasource.url=" + bankDb,
                        "--spring.datasource.username=" + postgres.username(),
                        "--spring.datasource.password=" + postgres.password()));
        ServiceProcess gateway = ServiceProcess.start("gateway", Path.of("..", "gateway", "target", "gateway.jar"),
                concat(redisArgs, "--gateway.bank-uri=" + bank.url(), "--gateway.faults.enabled=true",
                        // Browser tests poll; the rate limit has its own tests in the gateway.
                        "--gateway.rate-limit.client.capacity=100000", "--gateway.rate-limit.client.refill-tokens=100000",
                        "--gateway.rate-limit.address.capacity=100000",
                        "--gateway.rate-limit.address.refill-tokens=100000"));
        return new Platform(bank, gateway, journalDb);
    }

    /** bank-service itself, bypassing gateway and dashboard: the API the tests compare the pages with. */
    String bankUrl() {
        return bank.url();
    }

    String gatewayUrl() {
        return gateway.url();
    }

    /** Makes the gateway drop the reply of the next call that succeeds upstream, whichever call that is. */
    void dropNextReply() {
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(gateway.url() + "/gateway/faults/drop-replies"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"count\":1}")).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 204) {
                throw new IllegalStateException("The gateway refused to arm its fault mode: " + response.statusCode());
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static List<String> concat(List<String> first, String... more) {
        List<String> all = new ArrayList<>(first);
        all.addAll(List.of(more));
        return all;
    }

    private static String createDatabase(PostgresServer postgres, String name) {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(),
                postgres.password()); Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
        } catch (SQLException ex) {
            throw new IllegalStateException("Could not create database " + name, ex);
        }
        return postgres.jdbcUrl().replaceFirst("/postgres(\\?|$)", "/" + name + "$1");
    }

    /** Points the client-app under test at the platform: its journal database and the gateway. */
    static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            Platform platform = shared();
            PostgresServer postgres = RealServers.shared().postgres();
            Map<String, Object> properties = new HashMap<>();
            properties.put("spring.datasource.url", platform.journalUrl);
            properties.put("spring.datasource.username", postgres.username());
            properties.put("spring.datasource.password", postgres.password());
            properties.put("client.bank-url", platform.gatewayUrl());
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("dashboardPlatform", properties));
        }
    }
}
