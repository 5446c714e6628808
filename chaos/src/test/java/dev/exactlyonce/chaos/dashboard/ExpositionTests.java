package dev.exactlyonce.chaos.dashboard;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExpositionTests {

    @Test
    void namesTheSampleLinesWithTheirSuffixesNotTheMetadataLines() {
        String text = """
                # HELP idempotency_requests_total Requests under the Idempotency-Key protocol
                # TYPE idempotency_requests_total counter
                idempotency_requests_total{outcome="executed"} 12.0
                idempotency_requests_total{outcome="replayed"} 3.0
                # TYPE idempotency_store_calls_seconds histogram
                idempotency_store_calls_seconds_bucket{operation="claim",le="0.001"} 4
                idempotency_store_calls_seconds_count{operation="claim"} 9
                idempotency_store_calls_seconds_sum{operation="claim"} 0.02
                process_uptime_seconds 41.5
                """;

        assertThat(Exposition.seriesNames(text)).containsExactly("idempotency_requests_total",
                "idempotency_store_calls_seconds_bucket", "idempotency_store_calls_seconds_count",
                "idempotency_store_calls_seconds_sum", "process_uptime_seconds");
    }
}
