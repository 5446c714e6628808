package dev.exactlyonce.chaos.dashboard;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Grafana dashboard as far as the check needs it: each panel's title and the PromQL of its queries,
 * rows' nested panels included.
 *
 * @param queries every query's expression, under the title of its panel
 */
record Dashboard(List<Query> queries) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One query of one panel. */
    record Query(String panel, String expression) {
    }

    static Dashboard read(Path file) {
        return of(JSON.readTree(file.toFile()));
    }

    static Dashboard parse(String json) {
        return of(JSON.readTree(json));
    }

    private static Dashboard of(JsonNode dashboard) {
        List<Query> queries = new ArrayList<>();
        collect(dashboard.path("panels"), queries);
        if (queries.isEmpty()) {
            throw new IllegalArgumentException("The dashboard has no panel with a PromQL query");
        }
        return new Dashboard(List.copyOf(queries));
    }

    private static void collect(JsonNode panels, List<Query> queries) {
        for (JsonNode panel : panels) {
            String title = panel.path("title").asString("(untitled)");
            for (JsonNode target : panel.path("targets")) {
                String expression = target.path("expr").asString("").trim();
                if (expression.isEmpty()) {
                    throw new IllegalArgumentException("Panel '" + title + "' has a query without an expression");
                }
                queries.add(new Query(title, expression));
            }
            // A collapsed row keeps its panels inside it.
            collect(panel.path("panels"), queries);
        }
    }

    /** Each metric name the dashboard queries, with the titles of the panels that query it. */
    Map<String, Set<String>> metrics() {
        Map<String, Set<String>> metrics = new TreeMap<>();
        for (Query query : queries) {
            for (String name : PromQl.metricNames(query.expression())) {
                metrics.computeIfAbsent(name, key -> new TreeSet<>()).add(query.panel());
            }
        }
        return metrics;
    }
}
