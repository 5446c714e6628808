package dev.exactlyonce.chaos.check;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.exactlyonce.chaos.check.LedgerSnapshot.AccountRow;
import dev.exactlyonce.chaos.check.LedgerSnapshot.EntryRow;
import dev.exactlyonce.chaos.check.LedgerSnapshot.FenceRow;
import dev.exactlyonce.chaos.check.LedgerSnapshot.OperationRow;
import dev.exactlyonce.chaos.check.LedgerSnapshot.WatermarkRow;
import dev.exactlyonce.chaos.history.OperationResult;

/**
 * Everything the checker judges, as one value, so that the self-test can plant an anomaly into a copy. The
 * {@code with…} methods return copies; nothing here is ever changed in place.
 */
record CheckInput(List<OperationResult> history, LedgerSnapshot ledger, List<JournalRow> journal,
        List<ReplayCheck> replays) {

    List<Anomaly> check() {
        return Checker.check(history, ledger, journal, replays);
    }

    CheckInput withHistory(List<OperationResult> history) {
        return new CheckInput(history, ledger, journal, replays);
    }

    CheckInput withJournal(List<JournalRow> journal) {
        return new CheckInput(history, ledger, journal, replays);
    }

    CheckInput withReplays(List<ReplayCheck> replays) {
        return new CheckInput(history, ledger, journal, replays);
    }

    CheckInput withAccounts(List<AccountRow> accounts) {
        return withLedger(new LedgerSnapshot(accounts, ledger.operations(), ledger.entries(), ledger.fence(),
                ledger.watermarks(), ledger.historyRows()));
    }

    CheckInput withOperations(List<OperationRow> operations) {
        return withLedger(new LedgerSnapshot(ledger.accounts(), operations, ledger.entries(), ledger.fence(),
                ledger.watermarks(), ledger.historyRows()));
    }

    CheckInput withEntries(List<EntryRow> entries) {
        return withLedger(new LedgerSnapshot(ledger.accounts(), ledger.operations(), entries, ledger.fence(),
                ledger.watermarks(), ledger.historyRows()));
    }

    CheckInput withFence(List<FenceRow> fence) {
        return withLedger(new LedgerSnapshot(ledger.accounts(), ledger.operations(), ledger.entries(), fence,
                ledger.watermarks(), ledger.historyRows()));
    }

    CheckInput withWatermarks(List<WatermarkRow> watermarks) {
        return withLedger(new LedgerSnapshot(ledger.accounts(), ledger.operations(), ledger.entries(), ledger.fence(),
                watermarks, ledger.historyRows()));
    }

    CheckInput withHistoryRows(Map<UUID, Long> historyRows) {
        return withLedger(new LedgerSnapshot(ledger.accounts(), ledger.operations(), ledger.entries(), ledger.fence(),
                ledger.watermarks(), historyRows));
    }

    CheckInput withLedger(LedgerSnapshot ledger) {
        return new CheckInput(history, ledger, journal, replays);
    }
}
