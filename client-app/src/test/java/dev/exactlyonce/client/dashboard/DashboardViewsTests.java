package dev.exactlyonce.client.dashboard;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import dev.exactlyonce.client.bank.BankOperationView;
import dev.exactlyonce.client.operation.AttemptView;
import dev.exactlyonce.client.operation.JournalView;
import dev.exactlyonce.client.operation.OperationStatus;
import dev.exactlyonce.client.operation.OperationType;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DashboardViewsTests {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private final DashboardViews views = new DashboardViews(ZoneOffset.UTC);

    @Test
    void describesALostReplyAndItsReplayInPlainWords() {
        JournalView view = new JournalView(UUID.randomUUID(), "key-1", OperationType.DEBIT,
                UUID.fromString("00000000-0000-0000-0000-00000000abcd"), null, 250, "EUR", OperationStatus.SUCCEEDED,
                "Done by the bank as operation x (the bank replayed the outcome of an earlier attempt)", true,
                List.of(new AttemptView(1, T0, null, "Connection reset (SocketException)", false),
                        new AttemptView(2, T0.plusSeconds(1), 201, null, true)),
                UUID.randomUUID(), T0);

        OperationRow row = views.row(view);

        assertThat(row.typeText()).isEqualTo("Debit");
        assertThat(row.routeText()).isEqualTo("from EUR account ··abcd");
        assertThat(row.amountText()).isEqualTo("€2.50");
        assertThat(row.statusText()).isEqualTo("Done");
        assertThat(row.outcomeText()).isEqualTo("The bank debited €2.50.");
        assertThat(row.attemptsText()).isEqualTo("2 attempts");
        assertThat(row.attempts()).extracting(OperationRow.Attempt::text).containsExactly(
                "Attempt 1 at 10:00:00: no reply (the connection was cut before the reply)",
                "Attempt 2 at 10:00:01: answered 201, a replay of the stored answer");
    }

    @Test
    void namesConnectionProblemsAsAPersonWould() {
        assertThat(DashboardViews.connectionProblem("I/O error on POST request: HTTP/1.1 header parser received no bytes"))
                .isEqualTo("the connection was cut before the reply");
        assertThat(DashboardViews.connectionProblem("Read timed out (SocketTimeoutException)"))
                .isEqualTo("the reply did not come in time");
        assertThat(DashboardViews.connectionProblem("Connection refused")).isEqualTo("could not connect");
        assertThat(DashboardViews.connectionProblem(null)).isEqualTo("the reply was lost");
    }

    @Test
    void explainsRefusalsWithoutHttpJargon() {
        assertThat(DashboardViews.refusal("Rejected by the bank (HTTP 422): Insufficient funds: Account x has ..."))
                .startsWith("Not enough money in the account").doesNotContain("422");
        assertThat(DashboardViews.refusal("Rejected by the bank (HTTP 404): Account not found: ..."))
                .startsWith("The bank does not know this account");
        assertThat(DashboardViews.refusal("Rejected by the bank (HTTP 400): Something new")).endsWith("nothing moved.");
    }

    @Test
    void drawsTheHistoryFromTheBalanceBeforeTheOldestOperation() {
        List<BankOperationView> newestFirst = List.of(
                new BankOperationView(UUID.randomUUID(), "TRANSFER", 1_200, 6_300L, "COMPLETED", T0.plusSeconds(120)),
                new BankOperationView(UUID.randomUUID(), "DEBIT", 9_999, null, "REJECTED", T0.plusSeconds(90)),
                new BankOperationView(UUID.randomUUID(), "CREDIT", 2_500, 7_500L, "COMPLETED", T0.plusSeconds(60)),
                new BankOperationView(UUID.randomUUID(), "CREDIT", 5_000, 5_000L, "COMPLETED", T0));

        HistoryView history = views.history(newestFirst, "EUR", 6_300, T0.plusSeconds(200));

        assertThat(history.chart().points()).hasSize(4);
        assertThat(history.chart().summary()).contains("from €0.00 to €63.00");
        assertThat(history.rows()).extracting(HistoryView.Row::amountText)
                .containsExactly("−€12.00", "€99.99", "+€25.00", "+€50.00");
        assertThat(history.rows()).extracting(HistoryView.Row::statusText)
                .containsExactly("Done", "Refused", "Done", "Done");
        assertThat(history.rows().get(1).balanceAfterText()).isEqualTo("unchanged");
    }

    @Test
    void showsAnOverdraftLimitChangeAsARowWithoutAmountAndWithoutAChartPoint() {
        List<BankOperationView> newestFirst = List.of(
                new BankOperationView(UUID.randomUUID(), "DEBIT", 60_000, -10_000L, "COMPLETED", T0.plusSeconds(120)),
                BankOperationView.limitChange(UUID.randomUUID(), 0, 50_000, "ops", T0.plusSeconds(60)),
                new BankOperationView(UUID.randomUUID(), "CREDIT", 50_000, 50_000L, "COMPLETED", T0));

        HistoryView history = views.history(newestFirst, "EUR", -10_000, T0.plusSeconds(200));

        assertThat(history.rows()).extracting(HistoryView.Row::typeText)
                .containsExactly("Debit", "Overdraft limit changed from €0.00 to €500.00 by ops", "Credit");
        HistoryView.Row change = history.rows().get(1);
        assertThat(change.amountText()).isEqualTo("—");
        assertThat(change.balanceAfterText()).isEqualTo("unchanged");
        assertThat(change.statusText()).isEqualTo("Done");
        assertThat(change.whenText()).isEqualTo("23 Nov 10:01:00");
        // Before the credit, after it, after the debit: the limit change adds no point.
        assertThat(history.chart().points()).hasSize(3);
        assertThat(history.chart().summary()).contains("from €0.00 to −€100.00");
        assertThat(history.rows()).extracting(HistoryView.Row::amountText).containsExactly("−€600.00", "—", "+€500.00");
    }

    @Test
    void anAccountWhoseOnlyEntryIsALimitChangeDrawsItsBalanceNow() {
        HistoryView history = views.history(List.of(BankOperationView.limitChange(null, 50_000, 0, "ops", T0)), "EUR",
                1_000, T0.plusSeconds(5));

        assertThat(history.chart().points()).hasSize(1);
        assertThat(history.chart().summary()).contains("from €10.00 to €10.00");
        assertThat(history.rows()).extracting(HistoryView.Row::typeText)
                .containsExactly("Overdraft limit changed from €500.00 to €0.00 by ops");
    }

    @Test
    void anAccountWithoutHistoryShowsItsBalanceNow() {
        HistoryView history = views.history(List.of(), "EUR", 0, T0);

        assertThat(history.chart().points()).hasSize(1);
        assertThat(history.rows()).isEmpty();
    }
}
