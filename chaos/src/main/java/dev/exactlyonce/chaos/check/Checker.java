package dev.exactlyonce.chaos.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.exactlyonce.chaos.check.LedgerIndex.ClientKey;
import dev.exactlyonce.chaos.check.LedgerSnapshot.AccountRow;
import dev.exactlyonce.chaos.check.LedgerSnapshot.EntryRow;
import dev.exactlyonce.chaos.check.LedgerSnapshot.FenceRow;
import dev.exactlyonce.chaos.check.LedgerSnapshot.OperationRow;
import dev.exactlyonce.chaos.check.LedgerSnapshot.WatermarkRow;
import dev.exactlyonce.chaos.history.Channel;
import dev.exactlyonce.chaos.history.Operation;
import dev.exactlyonce.chaos.history.OperationKind;
import dev.exactlyonce.chaos.history.OperationResult;
import dev.exactlyonce.chaos.history.ClientOutcome;

/**
 * Judges a run: what each client was told against what the bank's ledger, its fence and client-app's
 * journal hold afterwards, and the ledger against itself.
 *
 * <p>Each fault is reported once, where it is rooted, so that a report reads as a list of causes and not as
 * a cascade. The ledger's own consistency (balances, books, histories) is judged on its rows as they are;
 * the agreement of the ledger with the history is judged once per logical operation (tag). Where a fault
 * could be filed under two kinds:
 * <ul>
 * <li>An answer that named a bank operation id other than the tag's row is a {@link AnomalyKind#WRONG_OUTCOME}:
 * the client was told something the ledger does not hold. The fence table is judged on its own, so a wrong
 * answer beside a right fence row (a stored response replayed for the wrong key, say) is the answer's fault.</li>
 * <li>A row of a tag whose type, client, accounts, amount or currency differ from the request is a
 * {@link AnomalyKind#PHANTOM_OPERATION}: the ledger holds a movement nobody asked for, under an operation's
 * description. Its fields are named in the detail.</li>
 * <li>The extra rows of a duplicated tag cannot have a fence row of their own (the fence is unique per key),
 * so they are a {@link AnomalyKind#DUPLICATE_EFFECT} only, not also a fence mismatch. A row that belongs to no
 * operation of the run is a phantom only: there is no key to judge its fence row against.</li>
 * <li>A journal row still IN_DOUBT is {@link AnomalyKind#UNRESOLVED}, like an operation the harness itself
 * could not resolve: client-app has not resolved it.</li>
 * <li>Entries that belong to no operation row, or name no account, are {@link AnomalyKind#UNBALANCED_BOOKS}.</li>
 * <li>Rows of two operations under one (client, key) are a {@link AnomalyKind#DUPLICATE_EFFECT} of that key; that
 * the key's fence row points at only one of them is not reported again.</li>
 * </ul>
 *
 * <p>The bank knows an operation by the key it was sent: the harness's own for the gateway's share, the
 * {@code <session>.<sequence>} key client-app minted (its journal's bank key) for client-app's. Every operation
 * row keeps its key, and the fence row of a key points at that row; a sequenced key below its session's
 * watermark has no fence row any more, by design, so there the operation row's key is all there is.
 *
 * <p>The row an acknowledgement is judged against is the one the answer named, else the one the key's fence
 * row names, else the tag's first row.
 */
public final class Checker {

    private static final String CHAOS_PREFIX = Operation.descriptionOf("");

    private static final String COMPLETED = "COMPLETED";

    private static final String REJECTED = "REJECTED";

    private static final String SETTLEMENT = "SETTLEMENT";

    private static final Comparator<Anomaly> REPORT_ORDER = Comparator.comparing(Anomaly::kind)
            .thenComparing(Anomaly::detail);

    private final LedgerIndex index;

    private final LedgerSnapshot ledger;

    private final List<Anomaly> found = new ArrayList<>();

    private Checker(List<OperationResult> history, LedgerSnapshot ledger, List<JournalRow> journal) {
        this.index = new LedgerIndex(history, ledger, journal);
        this.ledger = ledger;
    }

    /**
     * Checks every invariant of a run.
     *
     * @param history every logical operation of the run, set-up included, with what its client was told;
     *        tags must be unique
     * @param ledger bank-service's database after the run; the database was fresh, so every operation row must
     *        belong to an operation of {@code history}
     * @param journal client-app's journal after the run
     * @param replays operations sent again with their key after the run
     * @return the anomalies ordered by kind, then by detail, so that equal inputs give equal reports; empty if
     *         the run kept every invariant
     * @throws IllegalArgumentException if {@code history} holds a tag twice
     */
    public static List<Anomaly> check(List<OperationResult> history, LedgerSnapshot ledger, List<JournalRow> journal,
            List<ReplayCheck> replays) {
        Objects.requireNonNull(journal, "journal must not be null");
        Objects.requireNonNull(replays, "replays must not be null");
        Checker checker = new Checker(history, ledger, journal);
        checker.checkOperations(history);
        checker.checkKeys();
        checker.checkRowsBelongToTheRun();
        checker.checkFenceRows();
        checker.checkBooks();
        checker.checkAccounts();
        checker.checkReplays(replays);
        checker.checkJournal(history, journal);
        checker.checkWatermarks(journal);
        checker.found.sort(REPORT_ORDER);
        return List.copyOf(checker.found);
    }

    /** Duplicates, acknowledgements, the rows' fields and their fence, once per logical operation. */
    private void checkOperations(List<OperationResult> history) {
        for (OperationResult result : history) {
            Operation operation = result.operation();
            List<OperationRow> rows = index.rowsOf(operation);
            if (result.outcome() == ClientOutcome.IN_DOUBT) {
                report(AnomalyKind.UNRESOLVED, "%s is still in doubt after resolution; the ledger holds %d row(s) of it",
                        describe(operation), rows.size());
            }
            if (rows.size() > 1) {
                report(AnomalyKind.DUPLICATE_EFFECT, "%s took effect %d times: %s", describe(operation), rows.size(),
                        rows.stream().map(row -> row.id() + " " + row.status()).sorted().collect(Collectors.joining(", ")));
            }
            checkAcknowledgement(result, index.primaryRow(result));
            for (OperationRow row : rows) {
                checkFields(operation, row);
            }
            if (!rows.isEmpty()) {
                checkFence(operation, rows);
            }
        }
    }

    private void checkAcknowledgement(OperationResult result, OperationRow row) {
        String expectedStatus = switch (result.outcome()) {
            case APPLIED -> COMPLETED;
            case REJECTED -> REJECTED;
            case IN_DOUBT -> null;
        };
        if (expectedStatus == null) {
            return;
        }
        Operation operation = result.operation();
        if (row == null) {
            report(AnomalyKind.LOST_ACKNOWLEDGED, "%s was acknowledged %s%s, but the ledger holds no row of it",
                    describe(operation), result.outcome(), namedId(result.bankOperationId()));
            return;
        }
        if (!expectedStatus.equals(row.status())) {
            report(AnomalyKind.WRONG_OUTCOME, "%s was acknowledged %s, but its row %s is %s", describe(operation),
                    result.outcome(), row.id(), row.status());
        }
        if (result.bankOperationId() != null && !result.bankOperationId().equals(row.id())) {
            report(AnomalyKind.WRONG_OUTCOME, "%s was told it is bank operation %s, but its row is %s; %s",
                    describe(operation), result.bankOperationId(), row.id(), whatIs(result.bankOperationId()));
        }
    }

    private void checkFields(Operation operation, OperationRow row) {
        List<String> differences = new ArrayList<>();
        differ(differences, "type", operation.kind().name(), row.type());
        differ(differences, "client", operation.client(), row.client());
        differ(differences, "account", operation.accountId(), row.accountId());
        differ(differences, "counterparty", operation.toAccountId(), row.counterpartyAccountId());
        differ(differences, "amount", operation.amount(), row.amount());
        differ(differences, "currency", operation.currency(), row.currency());
        if (!differences.isEmpty()) {
            report(AnomalyKind.PHANTOM_OPERATION, "row %s carries the description of %s but not its request: %s",
                    row.id(), describe(operation), String.join(", ", differences));
        }
    }

    private static void differ(List<String> differences, String field, Object asked, Object recorded) {
        if (!Objects.equals(asked, recorded)) {
            differences.add(field + " " + recorded + " where " + asked + " was asked");
        }
    }

    private void checkFence(Operation operation, List<OperationRow> rows) {
        ClientKey key = index.bankKeyOf(operation);
        for (OperationRow row : rows) {
            if (!key.key().equals(row.idempotencyKey())) {
                report(AnomalyKind.FENCE_MISMATCH, "row %s of %s carries %s, not the key %s the bank was sent",
                        row.id(), describe(operation), row.idempotencyKey() == null ? "no key"
                                : "the key " + row.idempotencyKey(), key.key());
            }
        }
        FenceRow fence = index.fenceOf(operation);
        if (fence == null) {
            if (!index.acknowledged(key)) {
                report(AnomalyKind.FENCE_MISMATCH,
                        "%s has no fence row for %s, which its session has not acknowledged, yet the ledger holds it as %s",
                        describe(operation), key, ids(rows));
            }
        }
        else if (rows.stream().noneMatch(row -> row.id().equals(fence.operationId())) && !sharedByOperations(key)) {
            report(AnomalyKind.FENCE_MISMATCH, "the fence row of %s points at %s, not at its row %s",
                    describe(operation), fenceTarget(fence), ids(rows));
        }
        for (OperationRow row : rows) {
            for (FenceRow other : index.fencesPointingAt(row.id())) {
                if (!key.equals(new ClientKey(other.client(), other.idempotencyKey()))) {
                    report(AnomalyKind.FENCE_MISMATCH, "row %s of %s is also fenced by the key (%s, %s)", row.id(),
                            describe(operation), other.client(), other.idempotencyKey());
                }
            }
        }
    }

    /**
     * Whether rows of more than one operation carry the key: then the key took effect twice, reported once as
     * a {@link AnomalyKind#DUPLICATE_EFFECT}, and its fence row can point at only one of them.
     */
    private boolean sharedByOperations(ClientKey key) {
        return index.rowsOfKey(key).stream().map(OperationRow::description).distinct().count() > 1;
    }

    /**
     * One key, one bank operation: rows of different operations under one (client, key) are a key executed
     * twice, whatever their descriptions say. The extra rows of one operation are reported per operation.
     */
    private void checkKeys() {
        index.rowsByKey().forEach((key, rows) -> {
            if (sharedByOperations(key)) {
                report(AnomalyKind.DUPLICATE_EFFECT, "the key %s holds %d bank operations: %s", key, rows.size(),
                        rows.stream().map(row -> row.id() + " " + row.status() + " '" + row.description() + "'")
                                .sorted().collect(Collectors.joining(", ")));
            }
        });
    }

    private void checkRowsBelongToTheRun() {
        for (OperationRow row : ledger.operations()) {
            if (index.resultOf(row) == null) {
                String description = row.description() == null ? "no description"
                        : "the description '" + row.description() + "'";
                String why = row.description() != null && row.description().startsWith(CHAOS_PREFIX)
                        ? "which names no operation of the run" : "which is not a chaos operation's";
                report(AnomalyKind.PHANTOM_OPERATION, "%s carries %s, %s", describe(row), description, why);
            }
        }
    }

    /** What the per-operation check cannot see: fence rows that point at nothing, or at two things. */
    private void checkFenceRows() {
        Set<ClientKey> seen = new HashSet<>(LedgerIndex.capacity(ledger.fence().size()));
        for (FenceRow fence : ledger.fence()) {
            ClientKey key = new ClientKey(fence.client(), fence.idempotencyKey());
            if (!seen.add(key)) {
                report(AnomalyKind.FENCE_MISMATCH, "the key %s has %d fence rows", key,
                        index.fencesOfKey(key).size());
            }
            if (fence.operationId() == null && fence.accountId() == null) {
                report(AnomalyKind.FENCE_MISMATCH, "the fence row of %s points at nothing", key);
            }
            else if (fence.operationId() != null && fence.accountId() != null) {
                report(AnomalyKind.FENCE_MISMATCH, "the fence row of %s points at operation %s and account %s", key,
                        fence.operationId(), fence.accountId());
            }
            else if (fence.operationId() != null && index.row(fence.operationId()) == null) {
                report(AnomalyKind.FENCE_MISMATCH, "the fence row of %s points at operation %s, which does not exist",
                        key, fence.operationId());
            }
            else if (fence.accountId() != null && index.account(fence.accountId()) == null) {
                report(AnomalyKind.FENCE_MISMATCH, "the fence row of %s points at account %s, which does not exist",
                        key, fence.accountId());
            }
        }
    }

    /** Entries per operation and per currency sum to zero; completed operations have entries, rejected none. */
    private void checkBooks() {
        for (OperationRow row : ledger.operations()) {
            List<EntryRow> entries = index.entriesOf(row.id());
            long sum = 0;
            for (EntryRow entry : entries) {
                sum += entry.amount();
                if (!Objects.equals(entry.currency(), row.currency())) {
                    report(AnomalyKind.UNBALANCED_BOOKS, "%s has an entry of %d %s on account %s", describe(row),
                            entry.amount(), entry.currency(), entry.accountId());
                }
            }
            if (sum != 0) {
                report(AnomalyKind.UNBALANCED_BOOKS, "the %d entries of %s sum to %d", entries.size(), describe(row), sum);
            }
            if (COMPLETED.equals(row.status()) && entries.isEmpty()) {
                report(AnomalyKind.UNBALANCED_BOOKS, "%s has no entries", describe(row));
            }
            if (REJECTED.equals(row.status()) && !entries.isEmpty()) {
                report(AnomalyKind.UNBALANCED_BOOKS, "%s has %d entries", describe(row), entries.size());
            }
        }
        for (UUID operationId : index.operationIdsOfEntries()) {
            if (index.row(operationId) == null) {
                report(AnomalyKind.UNBALANCED_BOOKS, "%d entries belong to operation %s, which does not exist",
                        index.entriesOf(operationId).size(), operationId);
            }
        }
        Map<String, Long> byCurrency = new TreeMap<>();
        for (EntryRow entry : ledger.entries()) {
            byCurrency.merge(entry.currency(), entry.amount(), Long::sum);
        }
        byCurrency.forEach((currency, sum) -> {
            if (sum != 0) {
                report(AnomalyKind.UNBALANCED_BOOKS, "the entries in %s sum to %d", currency, sum);
            }
        });
    }

    /** Balances, overdraft limits and history lengths of customer accounts. */
    private void checkAccounts() {
        Map<UUID, Long> entrySums = new HashMap<>(LedgerIndex.capacity(ledger.accounts().size()));
        for (EntryRow entry : ledger.entries()) {
            entrySums.merge(entry.accountId(), entry.amount(), Long::sum);
            if (index.account(entry.accountId()) == null) {
                report(AnomalyKind.UNBALANCED_BOOKS, "an entry of %d %s of operation %s is on account %s, which does not exist",
                        entry.amount(), entry.currency(), entry.operationId(), entry.accountId());
            }
        }
        Map<UUID, Long> operationSums = new HashMap<>(LedgerIndex.capacity(ledger.accounts().size()));
        Map<UUID, Long> historyCounts = new HashMap<>(LedgerIndex.capacity(ledger.accounts().size()));
        for (OperationRow row : ledger.operations()) {
            historyCounts.merge(row.accountId(), 1L, Long::sum);
            if (row.counterpartyAccountId() != null && !row.counterpartyAccountId().equals(row.accountId())) {
                historyCounts.merge(row.counterpartyAccountId(), 1L, Long::sum);
            }
            if (COMPLETED.equals(row.status())) {
                addEffect(operationSums, row);
            }
        }
        for (AccountRow account : ledger.accounts()) {
            if (SETTLEMENT.equals(account.kind())) {
                continue;
            }
            long entries = entrySums.getOrDefault(account.id(), 0L);
            long operations = operationSums.getOrDefault(account.id(), 0L);
            if (account.balance() != entries || account.balance() != operations) {
                report(AnomalyKind.BALANCE_MISMATCH,
                        "account %s (%s, %s): balance %d, its entries sum to %d, its completed operations to %d",
                        account.id(), account.owner(), account.currency(), account.balance(), entries, operations);
            }
            if (account.balance() < -account.overdraftLimit()) {
                report(AnomalyKind.LIMIT_EXCEEDED, "account %s (%s, %s): balance %d is below its overdraft limit of %d",
                        account.id(), account.owner(), account.currency(), account.balance(), account.overdraftLimit());
            }
        }
        ledger.historyRows().forEach((accountId, listed) -> {
            long rows = historyCounts.getOrDefault(accountId, 0L);
            if (listed == null || listed != rows) {
                report(AnomalyKind.HISTORY_MISMATCH,
                        "the history of account %s lists %s money operations; the ledger holds %d touching it",
                        accountId, listed, rows);
            }
        });
    }

    private static void addEffect(Map<UUID, Long> sums, OperationRow row) {
        OperationKind type;
        try {
            type = OperationKind.valueOf(row.type());
        }
        catch (IllegalArgumentException ex) {
            return;
        }
        switch (type) {
            case CREDIT -> sums.merge(row.accountId(), row.amount(), Long::sum);
            case DEBIT -> sums.merge(row.accountId(), -row.amount(), Long::sum);
            case TRANSFER -> {
                sums.merge(row.accountId(), -row.amount(), Long::sum);
                if (row.counterpartyAccountId() != null) {
                    sums.merge(row.counterpartyAccountId(), row.amount(), Long::sum);
                }
            }
        }
    }

    private void checkReplays(List<ReplayCheck> replays) {
        for (ReplayCheck replay : replays) {
            List<String> differences = new ArrayList<>();
            if (replay.replayStatus() != replay.firstStatus()) {
                differences.add("status " + replay.replayStatus() + " where the first answer was " + replay.firstStatus());
            }
            if (!Arrays.equals(replay.firstBody(), replay.replayBody())) {
                differences.add(bodyDifference(replay.firstBody(), replay.replayBody()));
            }
            if (!replay.replayedHeader()) {
                differences.add("no Idempotent-Replayed: true");
            }
            if (!differences.isEmpty()) {
                report(AnomalyKind.REPLAY_MISMATCH, "the replay of tag %s differs from the first answer: %s",
                        replay.tag(), String.join(", ", differences));
            }
        }
    }

    private static String bodyDifference(byte[] first, byte[] replay) {
        if (first == null || replay == null) {
            return "body " + (replay == null ? "missing" : replay.length + " bytes") + " where the first was "
                    + (first == null ? "missing" : first.length + " bytes");
        }
        int at = Arrays.mismatch(first, replay);
        return "body of " + replay.length + " bytes differs from the first (" + first.length + " bytes) at byte " + at;
    }

    /**
     * Every client-app operation has one journal row that agrees with the ledger; every journal row belongs to
     * a client-app operation.
     */
    private void checkJournal(List<OperationResult> history, List<JournalRow> journal) {
        Map<ClientKey, List<JournalRow>> byKey = new HashMap<>(LedgerIndex.capacity(journal.size()));
        for (JournalRow row : journal) {
            byKey.computeIfAbsent(new ClientKey(row.username(), row.idempotencyKey()), k -> new ArrayList<>(1)).add(row);
        }
        Set<ClientKey> clientAppKeys = new HashSet<>(LedgerIndex.capacity(journal.size()));
        for (OperationResult result : history) {
            Operation operation = result.operation();
            if (operation.channel() != Channel.CLIENT_APP) {
                continue;
            }
            ClientKey key = ClientKey.of(operation);
            clientAppKeys.add(key);
            List<JournalRow> rows = byKey.getOrDefault(key, List.of());
            if (rows.isEmpty()) {
                // An operation the harness could not resolve may never have reached client-app; it is UNRESOLVED.
                if (result.isDefinite()) {
                    report(AnomalyKind.JOURNAL_MISMATCH, "%s was answered %s through client-app, which has no journal row of it",
                            describe(operation), result.outcome());
                }
                continue;
            }
            if (rows.size() > 1) {
                report(AnomalyKind.JOURNAL_MISMATCH, "%s has %d journal rows", describe(operation), rows.size());
            }
            checkJournalRow(result, rows.get(0));
        }
        Map<ClientKey, List<JournalRow>> byBankKey = new HashMap<>(LedgerIndex.capacity(journal.size()));
        for (JournalRow row : journal) {
            byBankKey.computeIfAbsent(new ClientKey(row.username(), row.keyAtBank()), k -> new ArrayList<>(1)).add(row);
        }
        byBankKey.forEach((key, rows) -> {
            if (rows.size() > 1) {
                report(AnomalyKind.JOURNAL_MISMATCH, "client-app sent the bank the key %s for %d operations: %s", key,
                        rows.size(), rows.stream().map(row -> "'" + row.description() + "'").sorted()
                                .collect(Collectors.joining(", ")));
            }
        });
        for (JournalRow row : journal) {
            if (!clientAppKeys.contains(new ClientKey(row.username(), row.idempotencyKey()))) {
                report(AnomalyKind.JOURNAL_MISMATCH, "the journal row (%s, %s) '%s' %s matches no client-app operation",
                        row.username(), row.idempotencyKey(), row.description(), row.status());
            }
        }
    }

    /**
     * A watermark says the client received every reply of its session below it; client-app can have received
     * replies only for sequences it issued, so a watermark is at most one above the highest sequence its
     * journal holds for the session.
     */
    private void checkWatermarks(List<JournalRow> journal) {
        Map<ClientKey, Long> issued = new HashMap<>();
        for (JournalRow row : journal) {
            LedgerIndex.sequenced(row.keyAtBank()).ifPresent(key -> issued.merge(
                    new ClientKey(row.username(), key.session()), key.sequence(), Math::max));
        }
        for (WatermarkRow watermark : ledger.watermarks()) {
            long highest = issued.getOrDefault(new ClientKey(watermark.client(), watermark.session()), 0L);
            if (watermark.watermark() > highest + 1) {
                report(AnomalyKind.JOURNAL_MISMATCH,
                        "the bank's watermark of (%s, %s) is %d, acknowledging replies up to sequence %d, but client-app's"
                                + " journal issued that session's sequences only up to %d",
                        watermark.client(), watermark.session(), watermark.watermark(), watermark.watermark() - 1, highest);
            }
        }
    }

    private void checkJournalRow(OperationResult result, JournalRow journalRow) {
        Operation operation = result.operation();
        OperationRow row = index.primaryRow(result);
        switch (Objects.requireNonNullElse(journalRow.status(), "null")) {
            case "IN_DOUBT" -> report(AnomalyKind.UNRESOLVED, "client-app's journal still holds %s in doubt; the ledger has %s",
                    describe(operation), ledgerStatus(row));
            case "SUCCEEDED" -> {
                if (row == null || !COMPLETED.equals(row.status())) {
                    report(AnomalyKind.JOURNAL_MISMATCH, "client-app's journal says %s SUCCEEDED; the ledger has %s",
                            describe(operation), ledgerStatus(row));
                }
            }
            case "REJECTED" -> {
                if (row == null || !REJECTED.equals(row.status())) {
                    report(AnomalyKind.JOURNAL_MISMATCH, "client-app's journal says %s REJECTED; the ledger has %s",
                            describe(operation), ledgerStatus(row));
                }
            }
            default -> report(AnomalyKind.JOURNAL_MISMATCH, "client-app's journal holds %s with the status %s",
                    describe(operation), journalRow.status());
        }
        UUID named = journalRow.bankOperationId();
        if (named != null && row != null && index.rowsOf(operation).stream().noneMatch(r -> r.id().equals(named))) {
            report(AnomalyKind.JOURNAL_MISMATCH, "client-app's journal names bank operation %s for %s, whose row is %s; %s",
                    named, describe(operation), row.id(), whatIs(named));
        }
    }

    private static String ids(List<OperationRow> rows) {
        return rows.stream().map(row -> row.id().toString()).sorted().collect(Collectors.joining(", "));
    }

    private static String ledgerStatus(OperationRow row) {
        return row == null ? "no row" : row.status() + " row " + row.id();
    }

    private String whatIs(UUID operationId) {
        OperationRow named = index.row(operationId);
        if (named == null) {
            return "the ledger has no operation " + operationId;
        }
        OperationResult owner = index.resultOf(named);
        return operationId + " is " + (owner == null ? describe(named) : "a row of tag " + owner.operation().tag());
    }

    private String fenceTarget(FenceRow fence) {
        if (fence.operationId() != null) {
            return "operation " + fence.operationId() + " (" + whatIs(fence.operationId()) + ")";
        }
        return fence.accountId() != null ? "account " + fence.accountId() : "nothing";
    }

    private static String namedId(UUID bankOperationId) {
        return bankOperationId == null ? "" : " as bank operation " + bankOperationId;
    }

    private static String describe(Operation operation) {
        return "tag " + operation.tag() + " (" + operation.kind() + " " + operation.amount() + " " + operation.currency()
                + ", client " + operation.client() + ", key " + operation.idempotencyKey() + ")";
    }

    private static String describe(OperationRow row) {
        return "operation " + row.id() + " (" + row.type() + " " + row.status() + " " + row.amount() + " "
                + row.currency() + " on account " + row.accountId()
                + (row.counterpartyAccountId() == null ? "" : " to " + row.counterpartyAccountId()) + ", client "
                + row.client() + ")";
    }

    private void report(AnomalyKind kind, String format, Object... args) {
        found.add(new Anomaly(kind, String.format(format, args)));
    }
}
