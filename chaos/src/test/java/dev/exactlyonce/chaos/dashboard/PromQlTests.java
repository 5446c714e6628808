package dev.exactlyonce.chaos.dashboard;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PromQlTests {

    @Test
    void namesTheCounterARateIsTakenOfButNotTheFunctionOrTheGroupingLabels() {
        assertThat(PromQl.metricNames("sum by (outcome) (rate(idempotency_requests_total[$__rate_interval]))"))
                .containsExactly("idempotency_requests_total");
    }

    @Test
    void keepsTheSuffixPrometheusStoresTheSeriesUnder() {
        assertThat(PromQl.metricNames(
                "histogram_quantile(0.99, sum by (le, operation) (rate(idempotency_store_calls_seconds_bucket[5m])))"))
                .containsExactly("idempotency_store_calls_seconds_bucket");
    }

    @Test
    void ignoresLabelMatchersAndTheStringsInThemWhateverTheyHold() {
        assertThat(PromQl.metricNames(
                "rate(x_total{outcome!=\"completed\", job=~\"bank(-service)?|sum\", path='/a{b}'}[1m])"))
                .containsExactly("x_total");
    }

    @Test
    void findsEveryOperandOfABinaryExpressionAndSkipsVectorMatchingLabels() {
        assertThat(PromQl.metricNames("a_sum / ignoring(le) a_count * on (instance) group_left(version) build_info"))
                .containsExactly("a_count", "a_sum", "build_info");
    }

    @Test
    void readsAggregationsWithTheirGroupingAfterTheArgumentAndSetOperators() {
        assertThat(PromQl.metricNames("sum(rate(a_total[5m])) without (instance) and b unless c or d"))
                .containsExactly("a_total", "b", "c", "d");
    }

    @Test
    void skipsNumbersDurationsOffsetsAndComparisons() {
        assertThat(PromQl.metricNames("max by (name, state) (resilience4j_circuitbreaker_state offset 5m) > bool 1e3"))
                .containsExactly("resilience4j_circuitbreaker_state");
    }

    @Test
    void skipsGrafanaVariablesAnywhere() {
        assertThat(PromQl.metricNames("rate(up{job=\"$job\"}[${interval}]) * $scale + ${factor:raw}"))
                .containsExactly("up");
    }

    @Test
    void takesANameGivenAsNameMatcher() {
        assertThat(PromQl.metricNames("{__name__=\"gateway_upstream_retries_total\", reason=\"503\"}"))
                .containsExactly("gateway_upstream_retries_total");
    }

    @Test
    void skipsTheStringArgumentsOfLabelFunctionsAndSubqueries() {
        assertThat(PromQl.metricNames(
                "label_replace(max_over_time(rate(http_server_requests_seconds_count[1m])[10m:1m]), \"a\", \"$1\", \"b\", \"(.*)\")"))
                .containsExactly("http_server_requests_seconds_count");
    }

    @Test
    void namesNothingInAnExpressionOfConstantsAndFunctions() {
        assertThat(PromQl.metricNames("vector(1) + time() - scalar(2)")).isEmpty();
    }
}
