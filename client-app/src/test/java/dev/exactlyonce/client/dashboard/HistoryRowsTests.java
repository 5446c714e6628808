package dev.exactlyonce.client.dashboard;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import dev.exactlyonce.client.bank.BankOperationView;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryRowsTests {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private final HistoryRows histories = new HistoryRows(new Times(ZoneOffset.UTC));

    @Test
    void drawsTheHistoryFromTheBalanceBeforeTheOldestOperation() {
        List<BankOperationView> newestFirst = List.of(
                new BankOperationView(UUID.randomUUID(), "TRANSFER", 1_200, 6_300L, "COMPLETED", T0.plusSeconds(120)),
                new BankOperationView(UUID.randomUUID(), "DEBIT", 9_999, null, "REJECTED", T0.plusSeconds(90)),
                new BankOperationView(UUID.randomUUID(), "CREDIT", 2_500, 7_500L, "COMPLETED", T0.plusSeconds(60)),
                new BankOperationView(UUID.randomUUID(), "CREDIT", 5_000, 5_000L, "COMPLETED", T0));

        HistoryView history = histories.history(newestFirst, "EUR", 6_300, T0.plusSeconds(200));

        assertThat(history.chart().points()).hasSize(4);
        assertThat(history.chart().summary()).contains("from €0.00 to €63.00");
        assertThat(history.rows()).extracting(HistoryRow::amountText)
                .containsExactly("−€12.00", "€99.99", "+€25.00", "+€50.00");
        assertThat(history.rows()).extracting(HistoryRow::statusText)
                .containsExactly("Done", "Refused", "Done", "Done");
        assertThat(history.rows().get(1).balanceAfterText()).isEqualTo("unchanged");
        assertThat(histories.rows(newestFirst, "EUR")).isEqualTo(history.rows());
    }

    @Test
    void showsAnOverdraftLimitChangeAsARowWithoutAmountAndWithoutAChartPoint() {
        List<BankOperationView> newestFirst = List.of(
                new BankOperationView(UUID.randomUUID(), "DEBIT", 60_000, -10_000L, "COMPLETED", T0.plusSeconds(120)),
                BankOperationView.limitChange(UUID.randomUUID(), 0, 50_000, "ops", T0.plusSeconds(60)),
                new BankOperationView(UUID.randomUUID(), "CREDIT", 50_000, 50_000L, "COMPLETED", T0));

        HistoryView history = histories.history(newestFirst, "EUR", -10_000, T0.plusSeconds(200));

        assertThat(history.rows()).extracting(HistoryRow::typeText)
                .containsExactly("Debit", "Overdraft limit changed from €0.00 to €500.00 by ops", "Credit");
        HistoryRow change = history.rows().get(1);
        assertThat(change.amountText()).isEqualTo("—");
        assertThat(change.balanceAfterText()).isEqualTo("unchanged");
        assertThat(change.statusText()).isEqualTo("Done");
        assertThat(change.whenText()).isEqualTo("23 Nov 10:01:00");
        // Before the credit, after it, after the debit: the limit change adds no point.
        assertThat(history.chart().points()).hasSize(3);
        assertThat(history.chart().summary()).contains("from €0.00 to −€100.00");
        assertThat(history.rows()).extracting(HistoryRow::amountText).containsExactly("−€600.00", "—", "+€500.00");
    }

    @Test
    void anAccountWhoseOnlyEntryIsALimitChangeDrawsItsBalanceNow() {
        HistoryView history = histories.history(List.of(BankOperationView.limitChange(null, 50_000, 0, "ops", T0)),
                "EUR", 1_000, T0.plusSeconds(5));

        assertThat(history.chart().points()).hasSize(1);
        assertThat(history.chart().summary()).contains("from €10.00 to €10.00");
        assertThat(history.rows()).extracting(HistoryRow::typeText)
                .containsExactly("Overdraft limit changed from €500.00 to €0.00 by ops");
    }

    @Test
    void anAccountWithoutHistoryShowsItsBalanceNow() {
        HistoryView history = histories.history(List.of(), "EUR", 0, T0);

        assertThat(history.chart().points()).hasSize(1);
        assertThat(history.rows()).isEmpty();
    }
}
