package dev.exactlyonce.client.dashboard;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import dev.exactlyonce.client.bank.BankProblemType;
import dev.exactlyonce.client.operation.AttemptView;
import dev.exactlyonce.client.operation.JournalView;
import dev.exactlyonce.client.operation.OperationStatus;
import dev.exactlyonce.client.operation.OperationType;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OperationRowsTests {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private static final UUID ACCOUNT = UUID.fromString("00000000-0000-0000-0000-00000000abcd");

    private final OperationRows rows = new OperationRows(new Times(ZoneOffset.UTC));

    @Test
    void describesALostReplyAndItsReplayInPlainWords() {
        JournalView view = debit(OperationStatus.SUCCEEDED,
                "Done by the bank as operation x (the bank replayed the outcome of an earlier attempt)", null,
                List.of(new AttemptView(1, T0, null, "Connection reset (SocketException)", false),
                        new AttemptView(2, T0.plusSeconds(1), 201, null, true)));

        OperationRow row = rows.row(view);

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
    void explainsARefusalByTheBanksProblemTypeWhateverItsWords() {
        JournalView reworded = debit(OperationStatus.REJECTED, "Rejected by the bank (HTTP 422): Not enough money",
                BankProblemType.INSUFFICIENT_FUNDS.uri(), List.of(new AttemptView(1, T0, 422, null, false)));
        JournalView misleading = debit(OperationStatus.REJECTED,
                "Rejected by the bank (HTTP 400): Insufficient funds for this currency",
                BankProblemType.CURRENCY_MISMATCH.uri(), List.of(new AttemptView(1, T0, 400, null, false)));

        assertThat(rows.row(reworded).outcomeText()).startsWith("Not enough money in the account")
                .doesNotContain("422");
        assertThat(rows.row(misleading).outcomeText()).isEqualTo("The account holds a different currency. Nothing moved.");
        assertThat(rows.row(reworded).detail()).isEqualTo("Rejected by the bank (HTTP 422): Not enough money");
    }

    @Test
    void explainsAnOperationHeldBackByTheCircuitBreakerByItsProblemType() {
        JournalView held = debit(OperationStatus.IN_DOUBT, "The bank is resting. Will try again with the same key.",
                BankProblemType.BANK_UNAVAILABLE.uri(), List.of());
        JournalView lost = debit(OperationStatus.IN_DOUBT, "No definite answer from the bank: the circuit breaker "
                + "was not involved. Will try again with the same key.", null,
                List.of(new AttemptView(1, T0, null, "Read timed out (SocketTimeoutException)", false)));

        assertThat(rows.row(held).outcomeText()).startsWith("No definite answer yet: the bank has been failing");
        assertThat(rows.row(lost).outcomeText()).startsWith("No definite answer yet: the last attempt got no usable reply");
    }

    private static JournalView debit(OperationStatus status, String detail, String problemType,
            List<AttemptView> attempts) {
        return new JournalView(UUID.randomUUID(), "key-1", OperationType.DEBIT, ACCOUNT, null, 250, "EUR", status,
                detail, problemType, status == OperationStatus.SUCCEEDED, attempts, UUID.randomUUID(), T0);
    }
}
