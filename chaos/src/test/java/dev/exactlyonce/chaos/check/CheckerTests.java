package dev.exactlyonce.chaos.check;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.exactlyonce.chaos.check.LedgerSnapshot.AccountRow;
import dev.exactlyonce.chaos.check.LedgerSnapshot.EntryRow;
import dev.exactlyonce.chaos.check.LedgerSnapshot.FenceRow;
import dev.exactlyonce.chaos.check.LedgerSnapshot.OperationRow;
import dev.exactlyonce.chaos.check.LedgerSnapshot.WatermarkRow;
import dev.exactlyonce.chaos.history.Operation;
import dev.exactlyonce.chaos.history.OperationResult;
import dev.exactlyonce.chaos.history.ClientOutcome;

import static dev.exactlyonce.chaos.check.LedgerFixture.ALICE_MAIN;
import static dev.exactlyonce.chaos.check.LedgerFixture.ALICE_SPARE;
import static dev.exactlyonce.chaos.check.LedgerFixture.BOB_MAIN;
import static dev.exactlyonce.chaos.check.LedgerFixture.SETTLEMENT_EUR;
import static dev.exactlyonce.chaos.check.LedgerFixture.balanceMoved;
import static dev.exactlyonce.chaos.check.LedgerFixture.cleanRun;
import static dev.exactlyonce.chaos.check.LedgerFixture.entriesOf;
import static dev.exactlyonce.chaos.check.LedgerFixture.fenceOf;
import static dev.exactlyonce.chaos.check.LedgerFixture.historyMoved;
import static dev.exactlyonce.chaos.check.LedgerFixture.journalOf;
import static dev.exactlyonce.chaos.check.LedgerFixture.map;
import static dev.exactlyonce.chaos.check.LedgerFixture.plus;
import static dev.exactlyonce.chaos.check.LedgerFixture.result;
import static dev.exactlyonce.chaos.check.LedgerFixture.row;
import static dev.exactlyonce.chaos.check.LedgerFixture.rowId;
import static dev.exactlyonce.chaos.check.LedgerFixture.without;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CheckerTests {

    private final CheckInput clean = cleanRun();

    @Test
    void reportsNothingForACleanRun() {
        assertThat(clean.check()).isEmpty();
    }

    @Test
    void reportsSecondEffectOfOneKeyAsDuplicate() {
        OperationRow first = row(clean, "op-1");
        UUID second = UUID.randomUUID();
        List<EntryRow> secondEntries = entriesOf(clean, "op-1").stream()
                .map(entry -> new EntryRow(second, entry.accountId(), entry.amount(), entry.currency())).toList();
        CheckInput state = clean.withOperations(plus(clean.ledger().operations(), List.of(withId(first, second))))
                .withEntries(plus(clean.ledger().entries(), secondEntries));
        state = balanceMoved(balanceMoved(state, ALICE_MAIN, -3_000), BOB_MAIN, 3_000);
        state = historyMoved(historyMoved(state, ALICE_MAIN, 1), BOB_MAIN, 1);

        assertOnly(state, AnomalyKind.DUPLICATE_EFFECT, "tag op-1", "2 times");
    }

    @Test
    void reportsAppliedOperationMissingFromTheLedgerAsLost() {
        CheckInput state = clean.withOperations(without(clean.ledger().operations(), row(clean, "op-4")))
                .withEntries(new ArrayList<>(clean.ledger().entries().stream()
                        .filter(entry -> !entry.operationId().equals(rowId("op-4"))).toList()))
                .withFence(without(clean.ledger().fence(), fenceOf(clean, "op-4")));
        state = historyMoved(balanceMoved(state, ALICE_SPARE, 400), ALICE_SPARE, -1);

        assertOnly(state, AnomalyKind.LOST_ACKNOWLEDGED, "tag op-4", "acknowledged APPLIED");
    }

    @Test
    void reportsRejectionMissingFromTheLedgerAsLost() {
        CheckInput state = clean.withOperations(without(clean.ledger().operations(), row(clean, "op-5")))
                .withFence(without(clean.ledger().fence(), fenceOf(clean, "op-5")));
        state = historyMoved(historyMoved(state, BOB_MAIN, -1), ALICE_MAIN, -1);

        assertOnly(state, AnomalyKind.LOST_ACKNOWLEDGED, "tag op-5", "acknowledged REJECTED");
    }

    @Test
    void reportsApplicationTheLedgerRejectedAsWrongOutcome() {
        CheckInput state = withResult(clean, "op-5", ClientOutcome.APPLIED, rowId("op-5"));

        assertOnly(state, AnomalyKind.WRONG_OUTCOME, "tag op-5", "acknowledged APPLIED", "is REJECTED");
    }

    @Test
    void reportsAnswerNamingAnotherOperationAsWrongOutcome() {
        CheckInput state = withResult(clean, "op-1", ClientOutcome.APPLIED, rowId("op-4"));

        assertOnly(state, AnomalyKind.WRONG_OUTCOME, "tag op-1", "a row of tag op-4");
    }

    @Test
    void reportsOperationRowNobodyAskedForAsPhantom() {
        UUID id = UUID.randomUUID();
        OperationRow phantom = new OperationRow(id, "bob", "CREDIT", "COMPLETED", BOB_MAIN, null, 50, "EUR",
                Operation.descriptionOf("op-99"), "key-op-99");
        CheckInput state = clean.withOperations(plus(clean.ledger().operations(), List.of(phantom)))
                .withEntries(plus(clean.ledger().entries(),
                        List.of(new EntryRow(id, BOB_MAIN, 50, "EUR"), new EntryRow(id, SETTLEMENT_EUR, -50, "EUR"))))
                .withFence(plus(clean.ledger().fence(), List.of(new FenceRow("bob", "key-op-99", id, null))));
        state = historyMoved(balanceMoved(state, BOB_MAIN, 50), BOB_MAIN, 1);

        assertOnly(state, AnomalyKind.PHANTOM_OPERATION, id.toString(), "names no operation of the run");
    }

    @Test
    void reportsRowWithoutChaosDescriptionAsPhantom() {
        OperationRow salary = new OperationRow(UUID.randomUUID(), "bob", "DEBIT", "REJECTED", BOB_MAIN, null, 10, "EUR",
                "salary", "salary-key");
        CheckInput state = historyMoved(clean.withOperations(plus(clean.ledger().operations(), List.of(salary))),
                BOB_MAIN, 1);

        assertOnly(state, AnomalyKind.PHANTOM_OPERATION, "'salary'", "not a chaos operation's");
    }

    @Test
    void reportsRowThatDiffersFromItsRequestAsPhantom() {
        OperationRow asked = row(clean, "op-4");
        OperationRow recorded = new OperationRow(asked.id(), asked.client(), asked.type(), asked.status(),
                asked.accountId(), asked.counterpartyAccountId(), 401, asked.currency(), asked.description(),
                asked.idempotencyKey());
        CheckInput state = clean.withOperations(map(clean.ledger().operations(), r -> r.equals(asked) ? recorded : r))
                .withEntries(map(clean.ledger().entries(), entry -> entry.operationId().equals(asked.id())
                        ? new EntryRow(entry.operationId(), entry.accountId(), entry.amount() > 0 ? 401 : -401, "EUR")
                        : entry));
        state = balanceMoved(state, ALICE_SPARE, -1);

        assertOnly(state, AnomalyKind.PHANTOM_OPERATION, "tag op-4", "amount 401 where 400 was asked");
    }

    @Test
    void reportsOperationWithoutFenceRowAsFenceMismatch() {
        CheckInput state = clean.withFence(without(clean.ledger().fence(), fenceOf(clean, "op-1")));

        assertOnly(state, AnomalyKind.FENCE_MISMATCH, "tag op-1", "no fence row");
    }

    @Test
    void reportsFenceRowPointingAtAnotherOperationAsFenceMismatch() {
        FenceRow fence = fenceOf(clean, "op-1");
        CheckInput state = clean.withFence(map(clean.ledger().fence(), f -> f.equals(fence)
                ? new FenceRow(f.client(), f.idempotencyKey(), rowId("op-4"), null)
                : f));

        assertOnly(state, AnomalyKind.FENCE_MISMATCH, "the fence row of tag op-1", "a row of tag op-4");
    }

    @Test
    void reportsFenceRowPointingAtNothingAsFenceMismatch() {
        CheckInput state = clean.withFence(plus(clean.ledger().fence(), List.of(new FenceRow("bob", "stray", null, null))));

        assertOnly(state, AnomalyKind.FENCE_MISMATCH, "(bob, stray)", "points at nothing");
    }

    @Test
    void reportsOperationLeftInDoubtAsUnresolved() {
        CheckInput state = withResult(clean, "op-4", ClientOutcome.IN_DOUBT, null);

        assertOnly(state, AnomalyKind.UNRESOLVED, "tag op-4", "still in doubt");
    }

    @Test
    void reportsBalanceThatDiffersFromItsEntriesAsBalanceMismatch() {
        CheckInput state = balanceMoved(clean, BOB_MAIN, 1);

        assertOnly(state, AnomalyKind.BALANCE_MISMATCH, BOB_MAIN.toString(), "balance 8001",
                "entries sum to 8000", "completed operations to 8000");
    }

    @Test
    void reportsBalanceThatDiffersFromItsCompletedOperationsAsBalanceMismatch() {
        CheckInput state = clean.withEntries(map(clean.ledger().entries(), entry ->
                entry.operationId().equals(rowId("op-4"))
                        ? new EntryRow(entry.operationId(), entry.accountId(), entry.amount() > 0 ? 401 : -401, "EUR")
                        : entry));
        state = balanceMoved(state, ALICE_SPARE, -1);

        assertOnly(state, AnomalyKind.BALANCE_MISMATCH, ALICE_SPARE.toString(), "balance -101",
                "entries sum to -101", "completed operations to -100");
    }

    @Test
    void ignoresTheBalanceColumnOfSettlementAccounts() {
        CheckInput state = balanceMoved(clean, SETTLEMENT_EUR, 12_345);

        assertThat(state.check()).isEmpty();
    }

    @Test
    void reportsEntriesOfOneOperationThatDoNotSumToZeroAsUnbalancedBooks() {
        CheckInput state = clean.withEntries(map(clean.ledger().entries(), entry ->
                entry.operationId().equals(rowId("setup-1")) && entry.accountId().equals(SETTLEMENT_EUR)
                        ? new EntryRow(entry.operationId(), entry.accountId(), -9_999, "EUR")
                        : entry));

        assertOnly(state, AnomalyKind.UNBALANCED_BOOKS, "entries of operation " + rowId("setup-1"), "sum to 1");
        assertThat(state.check()).extracting(Anomaly::detail).contains("the entries in EUR sum to 1");
    }

    @Test
    void reportsRejectedOperationWithEntriesAsUnbalancedBooks() {
        UUID rejected = rowId("op-5");
        CheckInput state = clean.withEntries(plus(clean.ledger().entries(),
                List.of(new EntryRow(rejected, SETTLEMENT_EUR, 5, "EUR"), new EntryRow(rejected, SETTLEMENT_EUR, -5, "EUR"))));

        assertOnly(state, AnomalyKind.UNBALANCED_BOOKS, rejected.toString(), "REJECTED", "has 2 entries");
    }

    @Test
    void reportsCompletedOperationWithoutEntriesAsUnbalancedBooks() {
        CheckInput state = clean.withEntries(new ArrayList<>(clean.ledger().entries().stream()
                .filter(entry -> !entry.operationId().equals(rowId("op-4"))).toList()));

        assertThat(state.check()).filteredOn(anomaly -> anomaly.kind() == AnomalyKind.UNBALANCED_BOOKS)
                .extracting(Anomaly::detail).singleElement().asString()
                .contains(rowId("op-4").toString(), "has no entries");
    }

    @Test
    void reportsCustomerAccountBelowItsOverdraftLimitAsLimitExceeded() {
        CheckInput state = clean.withAccounts(map(clean.ledger().accounts(), account -> account.id().equals(ALICE_SPARE)
                ? new AccountRow(account.id(), account.owner(), account.kind(), account.currency(), account.balance(), 99)
                : account));

        assertOnly(state, AnomalyKind.LIMIT_EXCEEDED, ALICE_SPARE.toString(), "balance -100",
                "overdraft limit of 99");
    }

    @Test
    void reportsHistoryThatListsOneOperationTooFewAsHistoryMismatch() {
        CheckInput state = historyMoved(clean, BOB_MAIN, -1);

        assertOnly(state, AnomalyKind.HISTORY_MISMATCH, BOB_MAIN.toString(), "lists 3", "holds 4");
    }

    @Test
    void leavesTheHistoryOfAnAccountItDidNotReadUnchecked() {
        Map<UUID, Long> historyRows = new HashMap<>(clean.ledger().historyRows());
        historyRows.remove(BOB_MAIN);

        assertThat(clean.withHistoryRows(historyRows).check()).isEmpty();
    }

    @Test
    void reportsReplayThatDiffersByOneByteAsReplayMismatch() {
        ReplayCheck first = clean.replays().get(0);
        byte[] body = first.replayBody().clone();
        body[5] ^= 1;
        CheckInput state = withReplay(clean, new ReplayCheck(first.tag(), first.firstStatus(), first.firstBody(),
                first.replayStatus(), body, true));

        assertOnly(state, AnomalyKind.REPLAY_MISMATCH, "tag " + first.tag(), "at byte 5");
    }

    @Test
    void reportsReplayWithAnotherStatusOrWithoutReplayedHeaderAsReplayMismatch() {
        ReplayCheck first = clean.replays().get(0);
        CheckInput otherStatus = withReplay(clean, new ReplayCheck(first.tag(), 201, first.firstBody(), 200,
                first.replayBody(), true));
        CheckInput noHeader = withReplay(clean, new ReplayCheck(first.tag(), first.firstStatus(), first.firstBody(),
                first.replayStatus(), first.replayBody().clone(), false));

        assertOnly(otherStatus, AnomalyKind.REPLAY_MISMATCH, "status 200 where the first answer was 201");
        assertOnly(noHeader, AnomalyKind.REPLAY_MISMATCH, "no Idempotent-Replayed: true");
    }

    @Test
    void reportsJournalSuccessForRejectedOperationAsJournalMismatch() {
        CheckInput state = withJournalStatus(clean, "op-3", "SUCCEEDED");

        assertOnly(state, AnomalyKind.JOURNAL_MISMATCH, "tag op-3", "says", "SUCCEEDED", "REJECTED row");
    }

    @Test
    void reportsJournalRowNamingAnotherBankOperationAsJournalMismatch() {
        JournalRow row = journalOf(clean, "op-2");
        CheckInput state = clean.withJournal(map(clean.journal(), r -> r.equals(row)
                ? new JournalRow(r.username(), r.idempotencyKey(), r.bankKey(), r.status(), rowId("op-1"), r.description())
                : r));

        assertOnly(state, AnomalyKind.JOURNAL_MISMATCH, "tag op-2", "names bank operation " + rowId("op-1"));
    }

    @Test
    void reportsClientAppOperationWithoutJournalRowAsJournalMismatch() {
        CheckInput state = clean.withJournal(without(clean.journal(), journalOf(clean, "op-6")));

        assertOnly(state, AnomalyKind.JOURNAL_MISMATCH, "tag op-6", "no journal row");
    }

    @Test
    void reportsJournalRowOfNoClientAppOperationAsJournalMismatch() {
        CheckInput state = clean.withJournal(plus(clean.journal(),
                List.of(new JournalRow("alice", "key-op-1", null, "SUCCEEDED", rowId("op-1"), "chaos op-1"))));

        assertOnly(state, AnomalyKind.JOURNAL_MISMATCH, "(alice, key-op-1)", "matches no client-app operation");
    }

    @Test
    void reportsJournalRowStillInDoubtAsUnresolved() {
        CheckInput state = withJournalStatus(clean, "op-2", "IN_DOUBT");

        assertOnly(state, AnomalyKind.UNRESOLVED, "client-app's journal", "tag op-2");
    }

    @Test
    void reportsTheSameAnomaliesInTheSameOrderWhateverTheOrderOfItsInputs() {
        CheckInput broken = withJournalStatus(
                balanceMoved(historyMoved(withResult(clean, "op-4", ClientOutcome.IN_DOUBT, null), BOB_MAIN, 2), ALICE_MAIN, 1),
                "op-3", "SUCCEEDED");
        LedgerSnapshot ledger = broken.ledger();
        CheckInput reversed = new CheckInput(reversed(broken.history()),
                new LedgerSnapshot(reversed(ledger.accounts()), reversed(ledger.operations()), reversed(ledger.entries()),
                        reversed(ledger.fence()), reversed(ledger.watermarks()), ledger.historyRows()),
                reversed(broken.journal()), reversed(broken.replays()));

        List<Anomaly> anomalies = broken.check();

        assertThat(anomalies).extracting(Anomaly::kind).containsExactly(AnomalyKind.BALANCE_MISMATCH,
                AnomalyKind.HISTORY_MISMATCH, AnomalyKind.JOURNAL_MISMATCH, AnomalyKind.UNRESOLVED);
        assertThat(reversed.check()).isEqualTo(anomalies);
    }

    @Test
    void findsAnAcknowledgedOperationByItsKeyAfterItsFenceRowWasDiscarded() {
        assertThat(clean.ledger().fence()).noneMatch(fence -> rowId("op-2").equals(fence.operationId()));
        assertThat(row(clean, "op-2").idempotencyKey()).isEqualTo(LedgerFixture.ALICE_SESSION + ".1");

        assertThat(clean.check()).isEmpty();
    }

    @Test
    void reportsMissingFenceRowOfAKeyItsSessionHasNotAcknowledgedAsFenceMismatch() {
        CheckInput state = clean.withFence(without(clean.ledger().fence(), fenceOf(clean, "op-8")));

        assertOnly(state, AnomalyKind.FENCE_MISMATCH, "tag op-8", "no fence row for (alice, aliceSession.2)",
                "has not acknowledged");
    }

    @Test
    void judgesAClientAppOperationByTheKeyClientAppSentTheBank() {
        JournalRow row = journalOf(clean, "op-3");
        CheckInput state = clean.withJournal(map(clean.journal(), r -> r.equals(row)
                ? new JournalRow(r.username(), r.idempotencyKey(), null, r.status(), r.bankOperationId(), r.description())
                : r));

        assertOnly(state, AnomalyKind.FENCE_MISMATCH, "tag op-3", "carries the key bobSession1.1, not the key key-op-3");
    }

    @Test
    void reportsRowThatCarriesAnotherKeyThanItsRequestAsFenceMismatch() {
        OperationRow asked = row(clean, "op-4");
        CheckInput state = clean.withOperations(map(clean.ledger().operations(), r -> r.equals(asked)
                ? withKey(r, "key-op-4-other")
                : r));

        assertOnly(state, AnomalyKind.FENCE_MISMATCH, "row " + asked.id(), "carries the key key-op-4-other",
                "not the key key-op-4");
    }

    @Test
    void reportsOperationsOfTwoRequestsUnderOneKeyAsDuplicateEffect() {
        CheckInput state = sentUnder(clean, "op-8", "key-op-1");

        assertOnly(state, AnomalyKind.DUPLICATE_EFFECT, "the key (alice, key-op-1) holds 2 bank operations",
                rowId("op-1").toString(), rowId("op-8").toString());
    }

    @Test
    void reportsOneBankKeySentForTwoOperationsAsJournalMismatch() {
        CheckInput state = sentUnder(clean, "op-8", LedgerFixture.ALICE_SESSION + ".1");

        assertThat(state.check()).extracting(Anomaly::kind)
                .containsOnly(AnomalyKind.JOURNAL_MISMATCH, AnomalyKind.DUPLICATE_EFFECT);
        assertThat(state.check()).filteredOn(anomaly -> anomaly.kind() == AnomalyKind.JOURNAL_MISMATCH)
                .singleElement().extracting(Anomaly::detail).asString()
                .contains("the key (alice, aliceSession.1) for 2 operations", "'chaos op-2'", "'chaos op-8'");
    }

    @Test
    void reportsWatermarkAboveEverySequenceIssuedAsJournalMismatch() {
        CheckInput state = clean.withWatermarks(List.of(new WatermarkRow("alice", LedgerFixture.ALICE_SESSION, 4)));

        assertOnly(state, AnomalyKind.JOURNAL_MISMATCH, "(alice, aliceSession) is 4", "up to sequence 3",
                "only up to 2");
    }

    @Test
    void acceptsAWatermarkOneAboveTheHighestSequenceIssued() {
        CheckInput state = clean.withWatermarks(List.of(new WatermarkRow("alice", LedgerFixture.ALICE_SESSION, 3)))
                .withFence(without(clean.ledger().fence(), fenceOf(clean, "op-8")));

        assertThat(state.check()).isEmpty();
    }

    @Test
    void rejectsHistoryThatHoldsOneTagTwice() {
        CheckInput state = clean.withHistory(plus(clean.history(), List.of(result(clean, "op-1"))));

        assertThatIllegalArgumentException().isThrownBy(state::check).withMessageContaining("'op-1' twice");
    }

    private static void assertOnly(CheckInput state, AnomalyKind kind, String... detailParts) {
        List<Anomaly> anomalies = state.check();
        assertThat(anomalies).extracting(Anomaly::kind).containsOnly(kind);
        assertThat(anomalies).anySatisfy(anomaly -> assertThat(anomaly.detail()).contains(detailParts));
    }

    private static OperationRow withId(OperationRow row, UUID id) {
        return new OperationRow(id, row.client(), row.type(), row.status(), row.accountId(), row.counterpartyAccountId(),
                row.amount(), row.currency(), row.description(), row.idempotencyKey());
    }

    private static OperationRow withKey(OperationRow row, String key) {
        return new OperationRow(row.id(), row.client(), row.type(), row.status(), row.accountId(),
                row.counterpartyAccountId(), row.amount(), row.currency(), row.description(), key);
    }

    /** client-app sent {@code tag} under {@code key} and the bank executed it there; no fence row of its own. */
    private static CheckInput sentUnder(CheckInput state, String tag, String key) {
        JournalRow journal = journalOf(state, tag);
        return state.withOperations(map(state.ledger().operations(), r -> r.id().equals(rowId(tag)) ? withKey(r, key) : r))
                .withJournal(map(state.journal(), r -> r.equals(journal)
                        ? new JournalRow(r.username(), r.idempotencyKey(), key, r.status(), r.bankOperationId(),
                                r.description())
                        : r))
                .withFence(without(state.ledger().fence(), fenceOf(state, tag)));
    }

    private static CheckInput withResult(CheckInput state, String tag, ClientOutcome outcome, UUID bankOperationId) {
        OperationResult old = result(state, tag);
        OperationResult told = new OperationResult(old.operation(), outcome, bankOperationId, old.issuedAtMillis(),
                outcome == ClientOutcome.IN_DOUBT ? -1 : old.definiteAtMillis(), old.attempts(), old.resolvedAfterRun());
        return state.withHistory(map(state.history(), r -> r.equals(old) ? told : r));
    }

    private static CheckInput withReplay(CheckInput state, ReplayCheck replay) {
        return state.withReplays(map(state.replays(), r -> r.tag().equals(replay.tag()) ? replay : r));
    }

    private static CheckInput withJournalStatus(CheckInput state, String tag, String status) {
        JournalRow row = journalOf(state, tag);
        return state.withJournal(map(state.journal(), r -> r.equals(row)
                ? new JournalRow(r.username(), r.idempotencyKey(), r.bankKey(), status, r.bankOperationId(), r.description())
                : r));
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        Collections.reverse(copy);
        return copy;
    }
}
