package dev.exactlyonce.chaos.check;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

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
 * A small clean run, written the way the bank writes its tables: each operation with its row, its entries
 * against the settlement account or the other side of a transfer, its fence row, and its client-app journal
 * row when it went through client-app. History lengths are counted by hand, not by the fixture, so that a
 * clean run also checks how the checker counts them.
 */
final class LedgerFixture {

    static final UUID SETTLEMENT_EUR = id("settlement EUR");

    static final UUID SETTLEMENT_USD = id("settlement USD");

    /** alice's account without overdraft. */
    static final UUID ALICE_MAIN = id("alice main");

    /** alice's account with an overdraft limit of 500, used down to -100. */
    static final UUID ALICE_SPARE = id("alice spare");

    static final UUID BOB_MAIN = id("bob main");

    static final UUID CAROL_USD = id("carol USD");

    private LedgerFixture() {
    }

    /** alice's client-app session at the bank. */
    static final String ALICE_SESSION = "aliceSession";

    static final String BOB_SESSION = "bobSession1";

    /**
     * Eleven operations in two currencies: three opening credits, applied and rejected debits and transfers,
     * two of them (op-2, op-3) and two credits (op-6, op-8) through client-app; op-1 and op-3 replayed; the
     * answer to op-6 named no bank operation id. client-app sent op-2 and op-8 to the bank as alice's session
     * sequences 1 and 2, and alice acknowledged sequence 1, so op-2's fence row is gone; op-3 went as bob's
     * sequence 1, not acknowledged; op-6 went under the caller's own key (a journal without bank keys).
     */
    static CheckInput cleanRun() {
        return run(true);
    }

    /** {@link #cleanRun()} without op-3: the ledger rejected no client-app operation. */
    static CheckInput cleanRunWithoutClientAppRejection() {
        return run(false);
    }

    private static CheckInput run(boolean clientAppRejection) {
        Bank bank = bank()
                .applied("setup-1", Channel.SETUP, OperationKind.CREDIT, ALICE_MAIN, null, 10_000)
                .applied("setup-2", Channel.SETUP, OperationKind.CREDIT, BOB_MAIN, null, 5_000)
                .applied("setup-3", Channel.SETUP, OperationKind.CREDIT, CAROL_USD, null, 700)
                .applied("op-1", Channel.GATEWAY, OperationKind.TRANSFER, ALICE_MAIN, BOB_MAIN, 3_000)
                .applied("op-2", Channel.CLIENT_APP, OperationKind.DEBIT, ALICE_MAIN, null, 2_000);
        if (clientAppRejection) {
            bank.rejected("op-3", Channel.CLIENT_APP, OperationKind.DEBIT, BOB_MAIN, null, 50_000).replayed("op-3");
        }
        return bank.applied("op-4", Channel.GATEWAY, OperationKind.DEBIT, ALICE_SPARE, null, 400)
                .rejected("op-5", Channel.GATEWAY, OperationKind.TRANSFER, BOB_MAIN, ALICE_MAIN, 100_000)
                .applied("op-6", Channel.CLIENT_APP, OperationKind.CREDIT, CAROL_USD, null, 300)
                .unnamed("op-6")
                .applied("op-7", Channel.GATEWAY, OperationKind.TRANSFER, ALICE_MAIN, ALICE_SPARE, 300)
                .applied("op-8", Channel.CLIENT_APP, OperationKind.CREDIT, ALICE_MAIN, null, 100)
                .replayed("op-1")
                .sentAs("op-2", ALICE_SESSION + ".1")
                .sentAs("op-8", ALICE_SESSION + ".2")
                .sentAs(clientAppRejection ? "op-3" : null, BOB_SESSION + ".1")
                .acknowledged("alice", ALICE_SESSION, 2)
                // Counted by hand: rejected operations and both sides of a transfer are listed.
                .build(Map.of(ALICE_MAIN, 6L, BOB_MAIN, clientAppRejection ? 4L : 3L, ALICE_SPARE, 2L, CAROL_USD, 2L));
    }

    static Bank bank() {
        return new Bank()
                .open(SETTLEMENT_EUR, "bank", "SETTLEMENT", "EUR", 0)
                .open(SETTLEMENT_USD, "bank", "SETTLEMENT", "USD", 0)
                .open(ALICE_MAIN, "alice", "CUSTOMER", "EUR", 0)
                .open(ALICE_SPARE, "alice", "CUSTOMER", "EUR", 500)
                .open(BOB_MAIN, "bob", "CUSTOMER", "EUR", 0)
                .open(CAROL_USD, "carol", "CUSTOMER", "USD", 0);
    }

    /** The id the bank gave the operation of {@code tag}. */
    static UUID rowId(String tag) {
        return id("operation " + tag);
    }

    static String key(String tag) {
        return "key-" + tag;
    }

    static OperationRow row(CheckInput state, String tag) {
        return state.ledger().operations().stream().filter(row -> row.id().equals(rowId(tag))).findFirst().orElseThrow();
    }

    static List<EntryRow> entriesOf(CheckInput state, String tag) {
        return state.ledger().entries().stream().filter(entry -> entry.operationId().equals(rowId(tag))).toList();
    }

    static OperationResult result(CheckInput state, String tag) {
        return state.history().stream().filter(result -> result.operation().tag().equals(tag)).findFirst().orElseThrow();
    }

    static FenceRow fenceOf(CheckInput state, String tag) {
        return state.ledger().fence().stream().filter(fence -> rowId(tag).equals(fence.operationId())).findFirst()
                .orElseThrow();
    }

    static JournalRow journalOf(CheckInput state, String tag) {
        return state.journal().stream().filter(row -> row.idempotencyKey().equals(key(tag))).findFirst().orElseThrow();
    }

    /** A copy of {@code state} with the balance of {@code account} moved by {@code delta}. */
    static CheckInput balanceMoved(CheckInput state, UUID account, long delta) {
        return state.withAccounts(map(state.ledger().accounts(), row -> row.id().equals(account)
                ? new AccountRow(row.id(), row.owner(), row.kind(), row.currency(), row.balance() + delta,
                        row.overdraftLimit())
                : row));
    }

    /** A copy of {@code state} with the history length of {@code account} moved by {@code delta}. */
    static CheckInput historyMoved(CheckInput state, UUID account, long delta) {
        Map<UUID, Long> rows = new HashMap<>(state.ledger().historyRows());
        rows.merge(account, delta, Long::sum);
        return state.withHistoryRows(rows);
    }

    static <T> List<T> map(List<T> list, Function<T, T> change) {
        return new ArrayList<>(list.stream().map(change).toList());
    }

    static <T> List<T> plus(List<T> list, List<T> more) {
        List<T> copy = new ArrayList<>(list);
        copy.addAll(more);
        return copy;
    }

    static <T> List<T> without(List<T> list, T removed) {
        List<T> copy = new ArrayList<>(list);
        if (!copy.remove(removed)) {
            throw new IllegalArgumentException(removed + " is not in the list");
        }
        return copy;
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static UUID id(String name) {
        return UUID.nameUUIDFromBytes(bytes(name));
    }

    /** Writes operations as bank-service and client-app would. Lists are mutable, so a test can tell if they change. */
    static final class Bank {

        private final Map<UUID, AccountRow> accounts = new LinkedHashMap<>();

        private final Map<String, UUID> settlements = new HashMap<>();

        private final List<OperationResult> history = new ArrayList<>();

        private final List<OperationRow> operations = new ArrayList<>();

        private final List<EntryRow> entries = new ArrayList<>();

        private final List<FenceRow> fence = new ArrayList<>();

        private final List<JournalRow> journal = new ArrayList<>();

        private final List<ReplayCheck> replays = new ArrayList<>();

        private final List<WatermarkRow> watermarks = new ArrayList<>();

        Bank open(UUID id, String owner, String kind, String currency, long overdraftLimit) {
            accounts.put(id, new AccountRow(id, owner, kind, currency, 0, overdraftLimit));
            if (kind.equals("SETTLEMENT")) {
                settlements.put(currency, id);
            }
            else {
                fence.add(new FenceRow(owner, "open-" + id, null, id));
            }
            return this;
        }

        Bank applied(String tag, Channel channel, OperationKind kind, UUID account, UUID to, long amount) {
            Operation operation = operation(tag, channel, kind, account, to, amount);
            UUID id = record(operation, "COMPLETED");
            String currency = operation.currency();
            switch (kind) {
                case CREDIT -> entries(id, currency, account, amount, settlements.get(currency));
                case DEBIT -> entries(id, currency, settlements.get(currency), amount, account);
                case TRANSFER -> entries(id, currency, to, amount, account);
            }
            history.add(new OperationResult(operation, ClientOutcome.APPLIED, id, history.size(), history.size() + 5, 1, false));
            if (channel == Channel.CLIENT_APP) {
                journal.add(new JournalRow(operation.client(), operation.idempotencyKey(), null, "SUCCEEDED", id,
                        operation.description()));
            }
            return this;
        }

        Bank rejected(String tag, Channel channel, OperationKind kind, UUID account, UUID to, long amount) {
            Operation operation = operation(tag, channel, kind, account, to, amount);
            UUID id = record(operation, "REJECTED");
            history.add(new OperationResult(operation, ClientOutcome.REJECTED, id, history.size(), history.size() + 5, 1, false));
            if (channel == Channel.CLIENT_APP) {
                journal.add(new JournalRow(operation.client(), operation.idempotencyKey(), null, "REJECTED", id,
                        operation.description()));
            }
            return this;
        }

        /** The answer to {@code tag} named no bank operation id, and client-app never learnt it either. */
        Bank unnamed(String tag) {
            history.replaceAll(result -> result.operation().tag().equals(tag)
                    ? new OperationResult(result.operation(), result.outcome(), null, result.issuedAtMillis(),
                            result.definiteAtMillis(), result.attempts(), result.resolvedAfterRun())
                    : result);
            journal.replaceAll(row -> row.idempotencyKey().equals(key(tag))
                    ? new JournalRow(row.username(), row.idempotencyKey(), row.bankKey(), row.status(), null,
                            row.description())
                    : row);
            return this;
        }

        /** {@code tag} sent again with its key, and answered exactly as the first time. */
        Bank replayed(String tag) {
            OperationResult result = history.stream().filter(r -> r.operation().tag().equals(tag)).findFirst()
                    .orElseThrow();
            int status = result.outcome() == ClientOutcome.APPLIED ? 201 : 422;
            String body = "{\"id\":\"" + rowId(tag) + "\",\"amount\":" + result.operation().amount() + "}";
            replays.add(new ReplayCheck(tag, status, bytes(body), status, bytes(body), true));
            return this;
        }

        /**
         * client-app sent {@code tag} (a client-app operation) to the bank under {@code bankKey}: its journal row,
         * operation row and fence row carry that key. A {@code null} tag changes nothing.
         */
        Bank sentAs(String tag, String bankKey) {
            if (tag == null) {
                return this;
            }
            UUID id = rowId(tag);
            journal.replaceAll(row -> row.idempotencyKey().equals(key(tag))
                    ? new JournalRow(row.username(), row.idempotencyKey(), bankKey, row.status(), row.bankOperationId(),
                            row.description())
                    : row);
            operations.replaceAll(row -> row.id().equals(id)
                    ? new OperationRow(row.id(), row.client(), row.type(), row.status(), row.accountId(),
                            row.counterpartyAccountId(), row.amount(), row.currency(), row.description(), bankKey)
                    : row);
            fence.replaceAll(row -> id.equals(row.operationId())
                    ? new FenceRow(row.client(), bankKey, row.operationId(), row.accountId())
                    : row);
            return this;
        }

        /** The client acknowledged every reply of its session below {@code watermark}: their fence rows go. */
        Bank acknowledged(String client, String session, long watermark) {
            watermarks.add(new WatermarkRow(client, session, watermark));
            fence.removeIf(row -> row.client().equals(client) && LedgerIndex.sequenced(row.idempotencyKey())
                    .filter(key -> key.session().equals(session) && key.sequence() < watermark).isPresent());
            return this;
        }

        CheckInput build(Map<UUID, Long> historyRows) {
            LedgerSnapshot ledger = new LedgerSnapshot(new ArrayList<>(accounts.values()), new ArrayList<>(operations),
                    new ArrayList<>(entries), new ArrayList<>(fence), new ArrayList<>(watermarks),
                    new HashMap<>(historyRows));
            return new CheckInput(new ArrayList<>(history), ledger, new ArrayList<>(journal), new ArrayList<>(replays));
        }

        private Operation operation(String tag, Channel channel, OperationKind kind, UUID account, UUID to, long amount) {
            AccountRow from = accounts.get(account);
            return new Operation(tag, from.owner(), channel, key(tag), kind, account, to, amount, from.currency());
        }

        private UUID record(Operation operation, String status) {
            UUID id = rowId(operation.tag());
            operations.add(new OperationRow(id, operation.client(), operation.kind().name(), status,
                    operation.accountId(), operation.toAccountId(), operation.amount(), operation.currency(),
                    operation.description(), operation.idempotencyKey()));
            fence.add(new FenceRow(operation.client(), operation.idempotencyKey(), id, null));
            return id;
        }

        /** One movement: {@code amount} into {@code to}, out of {@code from}; customer balances follow. */
        private void entries(UUID id, String currency, UUID to, long amount, UUID from) {
            entries.add(new EntryRow(id, from, -amount, currency));
            entries.add(new EntryRow(id, to, amount, currency));
            move(from, -amount);
            move(to, amount);
        }

        private void move(UUID account, long delta) {
            AccountRow row = accounts.get(account);
            if (!row.kind().equals("SETTLEMENT")) {
                accounts.put(account, new AccountRow(row.id(), row.owner(), row.kind(), row.currency(),
                        row.balance() + delta, row.overdraftLimit()));
            }
        }
    }
}
