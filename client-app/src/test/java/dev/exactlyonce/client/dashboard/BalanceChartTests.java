package dev.exactlyonce.client.dashboard;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BalanceChartTests {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void placesTheHighestBalanceAtTheTopAndZeroAtTheBottom() {
        BalanceChart chart = BalanceChart.of(List.of(sample(0, 0), sample(1, 5_000), sample(2, 2_500)), "EUR",
                ZoneOffset.UTC);

        assertThat(chart.points()).hasSize(3);
        assertThat(chart.points().get(0).y()).isGreaterThan(chart.points().get(2).y());
        assertThat(chart.points().get(1).y()).isLessThan(chart.points().get(2).y());
        assertThat(chart.points().get(0).x()).isEqualTo(chart.left());
        assertThat(chart.points().get(2).x()).isEqualTo(chart.right());
        assertThat(chart.points().get(2).last()).isTrue();
        assertThat(chart.line()).isEqualTo(chart.points().stream().map(p -> p.x() + "," + p.y())
                .reduce((a, b) -> a + " " + b).orElseThrow());
        assertThat(chart.gridLines()).first().extracting(BalanceChart.GridLine::label).isEqualTo("€0.00");
        assertThat(chart.gridLines()).extracting(BalanceChart.GridLine::label).contains("€50.00");
        assertThat(chart.summary()).isEqualTo("Balance over the last 3 changes: from €0.00 to €25.00, lowest €0.00, "
                + "highest €50.00.");
        assertThat(chart.points().get(1).label()).isEqualTo("€50.00 on 23 Nov 10:01");
    }

    @Test
    void keepsEveryPointInsideTheDrawing() {
        BalanceChart chart = BalanceChart.of(List.of(sample(0, 123_456_789), sample(1, 7), sample(2, 99_999_999)),
                "EUR", ZoneOffset.UTC);

        // One point per balance, or the check below would pass on no points at all.
        assertThat(chart.points()).hasSize(3).allSatisfy(point -> {
            assertThat(point.x()).isBetween(0.0, (double) BalanceChart.WIDTH);
            assertThat(point.y()).isBetween(0.0, (double) BalanceChart.HEIGHT);
        });
        assertThat(chart.gridLines()).hasSizeBetween(2, 7).allSatisfy(
                line -> assertThat(line.y()).isBetween(0.0, (double) BalanceChart.HEIGHT));
    }

    @Test
    void drawsASingleBalanceInTheMiddle() {
        BalanceChart chart = BalanceChart.of(List.of(sample(0, 1_000)), "EUR", ZoneOffset.UTC);

        assertThat(chart.points()).singleElement().satisfies(point -> assertThat(point.x())
                .isEqualTo((chart.left() + chart.right()) / 2));
        assertThat(chart.empty()).isFalse();
    }

    @Test
    void anEmptyHistoryIsAnEmptyChart() {
        assertThat(BalanceChart.of(List.of(), "EUR", ZoneOffset.UTC).empty()).isTrue();
    }

    private static BalanceChart.Sample sample(int minutes, long balance) {
        return new BalanceChart.Sample(T0.plusSeconds(60L * minutes), balance);
    }
}
