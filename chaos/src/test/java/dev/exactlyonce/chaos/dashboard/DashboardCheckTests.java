package dev.exactlyonce.chaos.dashboard;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.exactlyonce.chaos.dashboard.DashboardCheck.Target;

import static org.assertj.core.api.Assertions.assertThat;

class DashboardCheckTests {

    /** The repository, from the chaos module where the tests run. */
    private static final Path ROOT = Path.of("..");

    private static final String BANK = """
            # TYPE idempotency_requests_total counter
            idempotency_requests_total{outcome="executed"} 5.0
            idempotency_store_calls_seconds_bucket{operation="claim",result="success",le="0.005"} 5
            """;

    private static final String GATEWAY = """
            gateway_upstream_retries_total{reason="503"} 0.0
            """;

    @TempDir
    Path root;

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void theShippedDashboardQueriesEveryPartTheIssueAsksFor() {
        Dashboard dashboard = Dashboard.read(ROOT.resolve(DashboardCheck.DASHBOARD));

        assertThat(dashboard.metrics()).containsKeys("idempotency_requests_total",
                "idempotency_store_calls_seconds_bucket", "idempotency_lease_renewals_total",
                "bank_ledger_operations_total", "resilience4j_circuitbreaker_state", "resilience4j_retry_calls_total",
                "gateway_ratelimit_refusals_total", "gateway_upstream_retries_total");
    }

    @Test
    void passesWhenEveryQueriedMetricIsExposedBySomeService() throws IOException {
        dashboard(query("Outcomes", "sum by (outcome) (rate(idempotency_requests_total[5m]))"),
                query("Latency", "histogram_quantile(0.99, sum by (le) (rate(idempotency_store_calls_seconds_bucket[5m])))"),
                query("Retries", "sum by (reason) (rate(gateway_upstream_retries_total[5m]))"));

        DashboardCheck.Result result = DashboardCheck.run(root, serve());

        assertThat(result.passed()).as(result.render()).isTrue();
    }

    @Test
    void failsListingAMetricNoServiceExposesWithItsPanel() throws IOException {
        dashboard(query("Outcomes", "sum by (outcome) (rate(idempotency_requests_total[5m]))"),
                query("Ledger", "sum(rate(bank_ledger_imaginary_total[5m]))"));

        DashboardCheck.Result result = DashboardCheck.run(root, serve());

        assertThat(result.passed()).isFalse();
        assertThat(result.missing()).containsExactly("bank_ledger_imaginary_total");
        assertThat(result.render()).contains("missing bank_ledger_imaginary_total (panels: Ledger)");
    }

    @Test
    void failsOnACounterQueriedWithoutTheTotalSuffixPrometheusStoresItUnder() throws IOException {
        dashboard(query("Outcomes", "sum by (outcome) (rate(idempotency_requests[5m]))"));

        DashboardCheck.Result result = DashboardCheck.run(root, serve());

        assertThat(result.missing()).containsExactly("idempotency_requests");
        assertThat(result.render()).contains("exposed under a similar name: idempotency_requests_total");
    }

    @Test
    void failsWhenAServiceCannotBeScraped() throws IOException {
        dashboard(query("Outcomes", "rate(idempotency_requests_total[5m])"));
        List<Target> targets = serve();

        DashboardCheck.Result result = DashboardCheck.run(root,
                List.of(targets.get(0), new Target("client-app", targets.get(0).url() + "/nowhere")));

        assertThat(result.passed()).isFalse();
        assertThat(result.unreachable()).containsOnlyKeys("client-app");
    }

    /** Two services on a real HTTP server, each under a path of its own. */
    private List<Target> serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        exposition("/bank/actuator/prometheus", BANK);
        exposition("/gateway/actuator/prometheus", GATEWAY);
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        return List.of(new Target("bank-service", base + "/bank"), new Target("gateway", base + "/gateway"));
    }

    private void exposition(String path, String text) {
        server.createContext(path, exchange -> {
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
    }

    private void dashboard(String... panels) throws IOException {
        Path file = root.resolve(DashboardCheck.DASHBOARD);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"title\": \"test\", \"panels\": [" + String.join(",", panels) + "]}");
    }

    private static String query(String title, String expression) {
        return "{\"title\": \"" + title + "\", \"targets\": [{\"refId\": \"A\", \"expr\": \""
                + expression.replace("\"", "\\\"") + "\"}]}";
    }
}
