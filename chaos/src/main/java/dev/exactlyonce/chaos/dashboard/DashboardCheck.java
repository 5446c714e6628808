package dev.exactlyonce.chaos.dashboard;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks that every metric the Grafana dashboard queries is exposed by a running service: parses the
 * dashboard's PromQL, scrapes each service's {@code /actuator/prometheus} and lists the metrics no service
 * exposes. A dashboard panel on a missing metric shows "No data" forever, which no one notices until the
 * day it is needed.
 */
public final class DashboardCheck {

    /** The dashboard, relative to the repository. */
    public static final String DASHBOARD = "k8s/base/monitoring/exactly-once-dashboard.json";

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private DashboardCheck() {
    }

    /** A service to scrape: its name and its base URL. */
    public record Target(String service, String url) {
    }

    /**
     * What the check found.
     *
     * @param queried each metric the dashboard queries, with the titles of the panels that query it
     * @param exposed each scraped service's series names
     * @param unreachable services whose metrics could not be read, with why
     */
    public record Result(Map<String, Set<String>> queried, Map<String, Set<String>> exposed,
            Map<String, String> unreachable) {

        public boolean passed() {
            return unreachable.isEmpty() && missing().isEmpty();
        }

        /** The queried metrics no service exposes. */
        public List<String> missing() {
            Set<String> all = allExposed();
            return queried.keySet().stream().filter(name -> !all.contains(name)).toList();
        }

        private Set<String> allExposed() {
            Set<String> all = new TreeSet<>();
            exposed.values().forEach(all::addAll);
            return all;
        }

        /** A few lines for the console: what was checked and, when it failed, what is missing and where. */
        public String render() {
            StringBuilder text = new StringBuilder();
            text.append(String.format("Dashboard check (%s): %d metrics queried, %d series exposed by %s: %s%n",
                    DASHBOARD, queried.size(), allExposed().size(), String.join(", ", exposed.keySet()),
                    passed() ? "every metric emitted" : "FAILED"));
            unreachable.forEach((service, why) -> text.append("  could not scrape ").append(service).append(": ")
                    .append(why).append(System.lineSeparator()));
            Set<String> all = allExposed();
            for (String name : missing()) {
                text.append("  missing ").append(name).append(" (panels: ").append(String.join(", ", queried.get(name)))
                        .append(')');
                List<String> alike = all.stream().filter(series -> series.startsWith(name + "_")
                        || name.startsWith(series + "_")).toList();
                if (!alike.isEmpty()) {
                    text.append("; exposed under a similar name: ").append(String.join(", ", alike));
                }
                text.append(System.lineSeparator());
            }
            return text.toString();
        }
    }

    /** Reads the dashboard under {@code root} and scrapes each target. */
    public static Result run(Path root, List<Target> targets) {
        Map<String, Set<String>> exposed = new LinkedHashMap<>();
        Map<String, String> unreachable = new LinkedHashMap<>();
        for (Target target : targets) {
            try {
                exposed.put(target.service(), Exposition.seriesNames(scrape(target.url())));
            } catch (IOException | RuntimeException ex) {
                unreachable.put(target.service(), ex.toString());
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                unreachable.put(target.service(), "interrupted");
            }
        }
        return check(Dashboard.read(root.resolve(DASHBOARD)), exposed, unreachable);
    }

    static Result check(Dashboard dashboard, Map<String, Set<String>> exposed, Map<String, String> unreachable) {
        return new Result(dashboard.metrics(), exposed, unreachable);
    }

    private static String scrape(String baseUrl) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/prometheus"))
                .header("Accept", "text/plain;version=0.0.4")
                .timeout(Duration.ofSeconds(10)).GET().build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("/actuator/prometheus answered " + response.statusCode());
        }
        return response.body();
    }
}
