package dev.exactlyonce.chaos.check;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;

import dev.exactlyonce.chaos.check.LedgerIndex.ClientKey;
import dev.exactlyonce.chaos.check.LedgerSnapshot.AccountRow;
import dev.exactlyonce.chaos.check.LedgerSnapshot.EntryRow;
import dev.exactlyonce.chaos.check.LedgerSnapshot.FenceRow;
import dev.exactlyonce.chaos.check.LedgerSnapshot.OperationRow;
import dev.exactlyonce.chaos.check.LedgerSnapshot.WatermarkRow;
import dev.exactlyonce.chaos.history.Channel;
import dev.exactlyonce.chaos.history.Operation;
import dev.exactlyonce.chaos.history.OperationResult;
import dev.exactlyonce.chaos.history.ClientOutcome;
import dev.exactlyonce.chaos.report.RunReport.PlantedAnomaly;
import dev.exactlyonce.idempotency.SequencedKey;

/**
 * Checks the checker: a checker that finds nothing in a run may be right, or blind. So each anomaly it should
 * find is planted into a copy of the run's final state, one at a time, and the checker must report the kind
 * that anomaly breaks.
 *
 * <p>Victims are picked from the data deterministically (the smallest tag, the smallest account id that
 * qualify), and each plant keeps everything else consistent (balances, histories) so that it breaks only the
 * invariant it names where the data allows. A plant the data gives no victim for (no rejected operation, no
 * replay) is listed as not applicable, with {@code caught} false: it proved nothing.
 */
public final class CheckerSelfTest {

    private static final Comparator<OperationResult> BY_TAG = Comparator.comparing(r -> r.operation().tag());

    private static final String COMPLETED = "COMPLETED";

    private static final String REJECTED = "REJECTED";

    private static final String SETTLEMENT = "SETTLEMENT";

    private static final String NOT_APPLICABLE = " (not applicable: %s)";

    private final CheckInput clean;

    private final LedgerIndex index;

    private final List<OperationResult> byTag;

    private CheckerSelfTest(CheckInput clean) {
        this.clean = clean;
        this.index = new LedgerIndex(clean.history(), clean.ledger(), clean.journal());
        this.byTag = clean.history().stream().sorted(BY_TAG).toList();
    }

    /**
     * Plants each anomaly into a copy of a run's final state and checks that the checker reports it. The
     * arguments are those of {@link Checker#check} and are not changed. An anomaly counts as caught only if
     * the checker reports one of the expected kind that it did not report for the unplanted state, so an
     * unclean run cannot pass a plant by its own faults.
     *
     * @return one entry per plant, in a fixed order
     */
    public static List<PlantedAnomaly> selfTest(List<OperationResult> history, LedgerSnapshot ledger,
            List<JournalRow> journal, List<ReplayCheck> replays) {
        CheckInput clean = new CheckInput(history, ledger, journal, replays);
        Set<Anomaly> before = new HashSet<>(clean.check());
        return plantings(clean).stream()
                .map(planting -> new PlantedAnomaly(planting.what(), planting.expected().name(),
                        planting.applicable(), planting.applicable() && caught(planting, before)))
                .toList();
    }

    /** Whether the checker reports, for the planted state, an anomaly of the expected kind that is not in {@code before}. */
    static boolean caught(Planting planting, Set<Anomaly> before) {
        return planting.planted().check().stream()
                .anyMatch(anomaly -> anomaly.kind() == planting.expected() && !before.contains(anomaly));
    }

    /** Every plant, applied to its own copy of {@code clean}. */
    static List<Planting> plantings(CheckInput clean) {
        CheckerSelfTest plants = new CheckerSelfTest(clean);
        return List.of(plants.duplicateEffect(), plants.lostAcknowledged(), plants.phantomOperation(),
                plants.balanceOffByOne(), plants.replayOffByOneByte(), plants.journalSucceededForRejected(),
                plants.journalRejectedForCompleted(), plants.unbalancedEntry(), plants.fenceOfAnotherOperation(),
                plants.historyOneRowLonger(), plants.operationLeftInDoubt(), plants.rejectionForAppliedOperation(),
                plants.secondOperationUnderOneKey(), plants.rowWithAnotherKey(), plants.watermarkAboveIssued());
    }

    /** (a) A second execution of an applied operation: another COMPLETED row with its entries and effect. */
    private Planting duplicateEffect() {
        String what = "a second COMPLETED row, with its entries, of an applied operation";
        Optional<OperationRow> victim = singleRowOf(ClientOutcome.APPLIED, COMPLETED,
                row -> withinLimits(effectOf(row.id(), 1)));
        if (victim.isEmpty()) {
            return Planting.notApplicable(what, AnomalyKind.DUPLICATE_EFFECT, "no operation was applied");
        }
        OperationRow original = victim.get();
        UUID id = plantedId("duplicate of " + original.id());
        OperationRow duplicate = new OperationRow(id, original.client(), original.type(), original.status(),
                original.accountId(), original.counterpartyAccountId(), original.amount(), original.currency(),
                original.description(), original.idempotencyKey());
        List<EntryRow> entries = new ArrayList<>(clean.ledger().entries());
        index.entriesOf(original.id())
                .forEach(entry -> entries.add(new EntryRow(id, entry.accountId(), entry.amount(), entry.currency())));
        CheckInput planted = clean.withOperations(plus(clean.ledger().operations(), duplicate))
                .withEntries(entries)
                .withAccounts(moved(effectOf(original.id(), 1)))
                .withHistoryRows(historyRowsAfter(duplicate, 1));
        return new Planting(what + " (" + tagOf(original) + ")", AnomalyKind.DUPLICATE_EFFECT, planted);
    }

    /** (b) An applied operation gone from the ledger: its row, entries and fence row, its effect reverted. */
    private Planting lostAcknowledged() {
        String what = "an applied operation's row, entries and fence row removed, its effect reverted";
        Optional<OperationRow> victim = singleRowOf(ClientOutcome.APPLIED, COMPLETED,
                row -> withinLimits(effectOf(row.id(), -1)) && index.resultOf(row).operation().channel() != Channel.CLIENT_APP);
        if (victim.isEmpty()) {
            return Planting.notApplicable(what, AnomalyKind.LOST_ACKNOWLEDGED, "no operation was applied");
        }
        OperationRow lost = victim.get();
        CheckInput planted = clean
                .withOperations(clean.ledger().operations().stream().filter(row -> !row.id().equals(lost.id())).toList())
                .withEntries(clean.ledger().entries().stream().filter(e -> !lost.id().equals(e.operationId())).toList())
                .withFence(clean.ledger().fence().stream().filter(f -> !lost.id().equals(f.operationId())).toList())
                .withAccounts(moved(effectOf(lost.id(), -1)))
                .withHistoryRows(historyRowsAfter(lost, -1));
        return new Planting(what + " (" + tagOf(lost) + ")", AnomalyKind.LOST_ACKNOWLEDGED, planted);
    }

    /** (c) A credit of one minor unit nobody asked for, with balanced entries and its effect on the balance. */
    private Planting phantomOperation() {
        String what = "a credit of 1 nobody asked for, with balanced entries";
        Map<String, AccountRow> settlements = new HashMap<>();
        clean.ledger().accounts().stream().filter(CheckerSelfTest::isSettlement)
                .sorted(Comparator.comparing(AccountRow::id))
                .forEach(account -> settlements.putIfAbsent(account.currency(), account));
        Optional<AccountRow> victim = customerAccounts().stream()
                .filter(account -> settlements.containsKey(account.currency())).findFirst();
        if (victim.isEmpty()) {
            return Planting.notApplicable(what, AnomalyKind.PHANTOM_OPERATION,
                    "no customer account has a settlement account in its currency");
        }
        AccountRow account = victim.get();
        UUID id = plantedId("phantom");
        OperationRow phantom = new OperationRow(id, account.owner(), "CREDIT", COMPLETED, account.id(), null, 1,
                account.currency(), unusedDescription("self-test-phantom"), null);
        List<EntryRow> entries = new ArrayList<>(clean.ledger().entries());
        entries.add(new EntryRow(id, account.id(), 1, account.currency()));
        entries.add(new EntryRow(id, settlements.get(account.currency()).id(), -1, account.currency()));
        CheckInput planted = clean.withOperations(plus(clean.ledger().operations(), phantom))
                .withEntries(entries)
                .withAccounts(moved(Map.of(account.id(), 1L)))
                .withHistoryRows(historyRowsAfter(phantom, 1));
        return new Planting(what + " (account " + account.id() + ")", AnomalyKind.PHANTOM_OPERATION, planted);
    }

    /** (d) One customer account's balance one minor unit higher than its entries say. */
    private Planting balanceOffByOne() {
        String what = "a customer account's balance off by one";
        List<AccountRow> customers = customerAccounts();
        if (customers.isEmpty()) {
            return Planting.notApplicable(what, AnomalyKind.BALANCE_MISMATCH, "no customer account");
        }
        AccountRow account = customers.get(0);
        return new Planting(what + " (account " + account.id() + ")", AnomalyKind.BALANCE_MISMATCH,
                clean.withAccounts(moved(Map.of(account.id(), 1L))));
    }

    /** (e) A replay whose body differs from the first answer's by one byte. */
    private Planting replayOffByOneByte() {
        String what = "a replay whose body differs by one byte";
        Optional<ReplayCheck> victim = clean.replays().stream().min(Comparator.comparing(ReplayCheck::tag));
        if (victim.isEmpty()) {
            return Planting.notApplicable(what, AnomalyKind.REPLAY_MISMATCH, "no operation was replayed");
        }
        ReplayCheck replay = victim.get();
        byte[] body = replay.replayBody() == null ? new byte[0] : replay.replayBody();
        byte[] changed;
        if (body.length == 0) {
            changed = new byte[] { ' ' };
        }
        else {
            changed = Arrays.copyOf(body, body.length);
            changed[changed.length - 1] ^= 1;
        }
        ReplayCheck planted = new ReplayCheck(replay.tag(), replay.firstStatus(), replay.firstBody(),
                replay.replayStatus(), changed, replay.replayedHeader());
        return new Planting(what + " (tag " + replay.tag() + ")", AnomalyKind.REPLAY_MISMATCH,
                clean.withReplays(replaced(clean.replays(), replay, planted)));
    }

    /** (f) client-app's journal says SUCCEEDED for an operation the ledger rejected. */
    private Planting journalSucceededForRejected() {
        return journalContradicting(REJECTED, "SUCCEEDED",
                "a journal row that says SUCCEEDED for an operation the ledger rejected",
                "no client-app operation with a journal row was rejected");
    }

    /** (f, mirrored) client-app's journal says REJECTED for an operation the ledger completed. */
    private Planting journalRejectedForCompleted() {
        return journalContradicting(COMPLETED, "REJECTED",
                "a journal row that says REJECTED for an operation the ledger completed",
                "no client-app operation with a journal row was completed");
    }

    private Planting journalContradicting(String ledgerStatus, String journalStatus, String what, String whyNot) {
        Map<ClientKey, JournalRow> journal = new LinkedHashMap<>();
        clean.journal().forEach(row -> journal.putIfAbsent(new ClientKey(row.username(), row.idempotencyKey()), row));
        for (OperationResult result : byTag) {
            JournalRow row = journal.get(ClientKey.of(result.operation()));
            OperationRow ledgerRow = index.primaryRow(result);
            if (result.operation().channel() == Channel.CLIENT_APP && row != null && ledgerRow != null
                    && ledgerStatus.equals(ledgerRow.status())) {
                JournalRow contradicting = new JournalRow(row.username(), row.idempotencyKey(), row.bankKey(),
                        journalStatus, row.bankOperationId(), row.description());
                return new Planting(what + " (tag " + result.operation().tag() + ")", AnomalyKind.JOURNAL_MISMATCH,
                        clean.withJournal(replaced(clean.journal(), row, contradicting)));
            }
        }
        return Planting.notApplicable(what, AnomalyKind.JOURNAL_MISMATCH, whyNot);
    }

    /** Entries of one operation that no longer sum to zero: its settlement entry one minor unit larger. */
    private Planting unbalancedEntry() {
        String what = "a settlement entry one minor unit larger than its operation's other side";
        for (OperationResult result : byTag) {
            OperationRow row = index.primaryRow(result);
            if (row == null) {
                continue;
            }
            for (EntryRow entry : index.entriesOf(row.id())) {
                AccountRow account = index.account(entry.accountId());
                if (account != null && isSettlement(account)) {
                    EntryRow larger = new EntryRow(entry.operationId(), entry.accountId(),
                            entry.amount() + Long.signum(entry.amount()), entry.currency());
                    return new Planting(what + " (tag " + result.operation().tag() + ")", AnomalyKind.UNBALANCED_BOOKS,
                            clean.withEntries(replaced(clean.ledger().entries(), entry, larger)));
                }
            }
        }
        return Planting.notApplicable(what, AnomalyKind.UNBALANCED_BOOKS, "no operation has a settlement entry");
    }

    /** One operation's fence row pointing at another operation's row. */
    private Planting fenceOfAnotherOperation() {
        String what = "a fence row that points at another operation's row";
        List<OperationRow> fenced = new ArrayList<>();
        for (OperationResult result : byTag) {
            List<OperationRow> rows = index.rowsOf(result.operation());
            FenceRow fence = index.fenceOf(result.operation());
            if (rows.size() == 1 && fence != null && rows.get(0).id().equals(fence.operationId())) {
                fenced.add(rows.get(0));
                if (fenced.size() == 2) {
                    break;
                }
            }
        }
        if (fenced.size() < 2) {
            return Planting.notApplicable(what, AnomalyKind.FENCE_MISMATCH, "fewer than two fenced operations");
        }
        OperationRow victim = fenced.get(0);
        OperationRow other = fenced.get(1);
        FenceRow fence = index.fenceOf(index.resultOf(victim).operation());
        FenceRow wrong = new FenceRow(fence.client(), fence.idempotencyKey(), other.id(), fence.accountId());
        return new Planting(what + " (" + tagOf(victim) + " pointing at " + tagOf(other) + ")",
                AnomalyKind.FENCE_MISMATCH, clean.withFence(replaced(clean.ledger().fence(), fence, wrong)));
    }

    /** An account's history that lists one operation more than the ledger holds. */
    private Planting historyOneRowLonger() {
        String what = "an account history listing one operation more than the ledger holds";
        Optional<UUID> victim = clean.ledger().historyRows().keySet().stream().min(Comparator.naturalOrder());
        if (victim.isEmpty()) {
            return Planting.notApplicable(what, AnomalyKind.HISTORY_MISMATCH, "no account history was read");
        }
        Map<UUID, Long> historyRows = new HashMap<>(clean.ledger().historyRows());
        historyRows.merge(victim.get(), 1L, Long::sum);
        return new Planting(what + " (account " + victim.get() + ")", AnomalyKind.HISTORY_MISMATCH,
                clean.withHistoryRows(historyRows));
    }

    /** An operation the history leaves in doubt. */
    private Planting operationLeftInDoubt() {
        String what = "an operation left in doubt";
        Optional<OperationResult> victim = byTag.stream().filter(OperationResult::isDefinite).findFirst();
        if (victim.isEmpty()) {
            return Planting.notApplicable(what, AnomalyKind.UNRESOLVED, "no operation got a definite answer");
        }
        OperationResult result = victim.get();
        OperationResult inDoubt = new OperationResult(result.operation(), ClientOutcome.IN_DOUBT, null,
                result.issuedAtMillis(), -1, result.attempts(), false);
        return new Planting(what + " (tag " + result.operation().tag() + ")", AnomalyKind.UNRESOLVED,
                clean.withHistory(replaced(clean.history(), result, inDoubt)));
    }

    /** A client told "rejected" for an operation the ledger completed. */
    private Planting rejectionForAppliedOperation() {
        String what = "a client told REJECTED for an operation the ledger completed";
        Optional<OperationRow> victim = singleRowOf(ClientOutcome.APPLIED, COMPLETED, row -> true);
        if (victim.isEmpty()) {
            return Planting.notApplicable(what, AnomalyKind.WRONG_OUTCOME, "no operation was applied");
        }
        OperationResult result = index.resultOf(victim.get());
        OperationResult told = new OperationResult(result.operation(), ClientOutcome.REJECTED, result.bankOperationId(),
                result.issuedAtMillis(), result.definiteAtMillis(), result.attempts(), result.resolvedAfterRun());
        return new Planting(what + " (tag " + result.operation().tag() + ")", AnomalyKind.WRONG_OUTCOME,
                clean.withHistory(replaced(clean.history(), result, told)));
    }

    /**
     * client-app sent one operation under another operation's key (a session's sequence used twice, say) and the
     * bank executed it: two operations' rows under one (client, key), the key's fence row pointing at the first.
     */
    private Planting secondOperationUnderOneKey() {
        String what = "a client-app operation executed under another operation's key";
        for (OperationResult result : byTag) {
            Operation operation = result.operation();
            JournalRow journal = index.journalOf(ClientKey.of(operation));
            List<OperationRow> rows = index.rowsOf(operation);
            if (operation.channel() != Channel.CLIENT_APP || journal == null || rows.size() != 1
                    || !keepsItsSessionsHighestSequence(journal)) {
                continue;
            }
            Optional<OperationResult> owner = byTag.stream()
                    .filter(other -> other != result && other.operation().client().equals(operation.client()))
                    .filter(other -> index.rowsOf(other.operation()).size() == 1)
                    .min(Comparator.comparing((OperationResult other) -> other.operation().channel() == Channel.CLIENT_APP)
                            .thenComparing(BY_TAG));
            if (owner.isEmpty()) {
                continue;
            }
            String taken = index.bankKeyOf(owner.get().operation()).key();
            OperationRow row = rows.get(0);
            OperationRow underTaken = new OperationRow(row.id(), row.client(), row.type(), row.status(), row.accountId(),
                    row.counterpartyAccountId(), row.amount(), row.currency(), row.description(), taken);
            JournalRow sentUnderTaken = new JournalRow(journal.username(), journal.idempotencyKey(), taken,
                    journal.status(), journal.bankOperationId(), journal.description());
            CheckInput planted = clean.withOperations(replaced(clean.ledger().operations(), row, underTaken))
                    .withFence(clean.ledger().fence().stream().filter(f -> !row.id().equals(f.operationId())).toList())
                    .withJournal(replaced(clean.journal(), journal, sentUnderTaken));
            return new Planting(what + " (tag " + operation.tag() + " under the key of tag " + owner.get().operation().tag()
                    + ")", AnomalyKind.DUPLICATE_EFFECT, planted);
        }
        return Planting.notApplicable(what, AnomalyKind.DUPLICATE_EFFECT,
                "no client-app operation with a journal row shares its client with another operation");
    }

    /** Whether a journal row's sequence, taken away, leaves its session's highest sequence as it was. */
    private boolean keepsItsSessionsHighestSequence(JournalRow row) {
        Optional<SequencedKey> own = LedgerIndex.sequenced(row.keyAtBank());
        return own.isEmpty() || clean.journal().stream()
                .filter(other -> other != row && other.username().equals(row.username()))
                .map(other -> LedgerIndex.sequenced(other.keyAtBank()))
                .flatMap(Optional::stream)
                .anyMatch(other -> other.session().equals(own.get().session()) && other.sequence() > own.get().sequence());
    }

    /** An operation row that keeps another key than the one its request was sent with, and its fence row holds. */
    private Planting rowWithAnotherKey() {
        String what = "an operation row that carries another key than its fence row";
        for (OperationResult result : byTag) {
            List<OperationRow> rows = index.rowsOf(result.operation());
            FenceRow fence = index.fenceOf(result.operation());
            if (rows.size() == 1 && fence != null && rows.get(0).id().equals(fence.operationId())) {
                OperationRow row = rows.get(0);
                OperationRow rekeyed = new OperationRow(row.id(), row.client(), row.type(), row.status(), row.accountId(),
                        row.counterpartyAccountId(), row.amount(), row.currency(), row.description(),
                        fence.idempotencyKey() + "-self-test");
                return new Planting(what + " (" + tagOf(row) + ")", AnomalyKind.FENCE_MISMATCH,
                        clean.withOperations(replaced(clean.ledger().operations(), row, rekeyed)));
            }
        }
        return Planting.notApplicable(what, AnomalyKind.FENCE_MISMATCH, "no operation kept its fence row");
    }

    /** A session's watermark two above the highest sequence client-app issued in it: replies it cannot have had. */
    private Planting watermarkAboveIssued() {
        String what = "a watermark above every sequence client-app issued in its session";
        Map<ClientKey, Long> issued = new TreeMap<>(Comparator.comparing(ClientKey::client)
                .thenComparing(ClientKey::key));
        for (JournalRow row : clean.journal()) {
            LedgerIndex.sequenced(row.keyAtBank()).ifPresent(key -> issued.merge(
                    new ClientKey(row.username(), key.session()), key.sequence(), Math::max));
        }
        if (issued.isEmpty()) {
            return Planting.notApplicable(what, AnomalyKind.JOURNAL_MISMATCH, "client-app sent no sequenced key");
        }
        Map.Entry<ClientKey, Long> session = issued.entrySet().iterator().next();
        WatermarkRow raised = new WatermarkRow(session.getKey().client(), session.getKey().key(), session.getValue() + 2);
        List<WatermarkRow> watermarks = new ArrayList<>(clean.ledger().watermarks().stream()
                .filter(w -> !(w.client().equals(raised.client()) && w.session().equals(raised.session()))).toList());
        watermarks.add(raised);
        return new Planting(what + " (" + session.getKey() + " at " + raised.watermark() + ")",
                AnomalyKind.JOURNAL_MISMATCH, clean.withWatermarks(watermarks));
    }

    /**
     * The row of the first operation by tag told {@code outcome} whose only row has {@code status} and
     * matches {@code preferred}; failing that, of the first such operation at all.
     */
    private Optional<OperationRow> singleRowOf(ClientOutcome outcome, String status, Predicate<OperationRow> preferred) {
        List<OperationRow> candidates = byTag.stream()
                .filter(result -> result.outcome() == outcome)
                .map(result -> index.rowsOf(result.operation()))
                .filter(rows -> rows.size() == 1 && status.equals(rows.get(0).status()))
                .map(rows -> rows.get(0))
                .filter(row -> !index.entriesOf(row.id()).isEmpty() || !COMPLETED.equals(status))
                .toList();
        return candidates.stream().filter(preferred).findFirst().or(() -> candidates.stream().findFirst());
    }

    /** What an operation's entries did to customer balances, times {@code sign}. */
    private Map<UUID, Long> effectOf(UUID operationId, int sign) {
        Map<UUID, Long> effect = new HashMap<>();
        for (EntryRow entry : index.entriesOf(operationId)) {
            AccountRow account = index.account(entry.accountId());
            if (account != null && !isSettlement(account)) {
                effect.merge(entry.accountId(), sign * entry.amount(), Long::sum);
            }
        }
        return effect;
    }

    private boolean withinLimits(Map<UUID, Long> effect) {
        return effect.entrySet().stream().allMatch(change -> {
            AccountRow account = index.account(change.getKey());
            return account.balance() + change.getValue() >= -account.overdraftLimit();
        });
    }

    private List<AccountRow> moved(Map<UUID, Long> effect) {
        return clean.ledger().accounts().stream()
                .map(account -> effect.containsKey(account.id())
                        ? new AccountRow(account.id(), account.owner(), account.kind(), account.currency(),
                                account.balance() + effect.get(account.id()), account.overdraftLimit())
                        : account)
                .toList();
    }

    /** The history lengths the bank's API would list after an operation row touching accounts is added or removed. */
    private Map<UUID, Long> historyRowsAfter(OperationRow row, long change) {
        Map<UUID, Long> historyRows = new HashMap<>(clean.ledger().historyRows());
        for (UUID account : new UUID[] { row.accountId(), row.counterpartyAccountId() }) {
            if (account != null && historyRows.containsKey(account)) {
                historyRows.merge(account, change, Long::sum);
            }
        }
        return historyRows;
    }

    private List<AccountRow> customerAccounts() {
        return clean.ledger().accounts().stream().filter(account -> !isSettlement(account))
                .sorted(Comparator.comparing(AccountRow::id)).toList();
    }

    private String unusedDescription(String tag) {
        Set<String> used = new HashSet<>();
        clean.history().forEach(result -> used.add(result.operation().tag()));
        String candidate = tag;
        for (int n = 1; used.contains(candidate); n++) {
            candidate = tag + "-" + n;
        }
        return Operation.descriptionOf(candidate);
    }

    private String tagOf(OperationRow row) {
        return "tag " + index.resultOf(row).operation().tag();
    }

    private static boolean isSettlement(AccountRow account) {
        return SETTLEMENT.equals(account.kind());
    }

    private static UUID plantedId(String name) {
        return UUID.nameUUIDFromBytes(("chaos self-test " + name).getBytes(StandardCharsets.UTF_8));
    }

    private static <T> List<T> plus(List<T> list, T element) {
        List<T> copy = new ArrayList<>(list.size() + 1);
        copy.addAll(list);
        copy.add(element);
        return copy;
    }

    /** A copy of {@code list} with its first element equal to {@code old} replaced. */
    private static <T> List<T> replaced(List<T> list, T old, T replacement) {
        List<T> copy = new ArrayList<>(list);
        int at = copy.indexOf(old);
        if (at < 0) {
            throw new IllegalStateException("no " + old + " to replace");
        }
        copy.set(at, replacement);
        return copy;
    }

    /**
     * One anomaly planted into a copy of a final state, or, with {@code planted} null, why the state offers no
     * victim for it.
     */
    record Planting(String what, AnomalyKind expected, CheckInput planted) {

        Planting {
            Objects.requireNonNull(what, "what must not be null");
            Objects.requireNonNull(expected, "expected must not be null");
        }

        static Planting notApplicable(String what, AnomalyKind expected, String why) {
            return new Planting(what + NOT_APPLICABLE.formatted(why), expected, null);
        }

        boolean applicable() {
            return planted != null;
        }
    }
}
