package dev.exactlyonce.chaos.check;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import dev.exactlyonce.chaos.check.LedgerSnapshot.AccountRow;
import dev.exactlyonce.chaos.check.LedgerSnapshot.EntryRow;
import dev.exactlyonce.chaos.check.LedgerSnapshot.FenceRow;
import dev.exactlyonce.chaos.check.LedgerSnapshot.OperationRow;
import dev.exactlyonce.chaos.check.LedgerSnapshot.WatermarkRow;
import dev.exactlyonce.chaos.history.Channel;
import dev.exactlyonce.chaos.history.Operation;
import dev.exactlyonce.chaos.history.OperationResult;
import dev.exactlyonce.idempotency.IdempotencyKey;
import dev.exactlyonce.idempotency.SequencedKey;

/**
 * A run's history and ledger looked up by the keys the invariants join on, so that every check is one pass
 * over its rows: a hundred thousand operations and half a million entries must not cost a quadratic join.
 */
final class LedgerIndex {

    private final Map<String, OperationResult> resultsByDescription;

    private final Map<String, List<OperationRow>> rowsByDescription;

    private final Map<UUID, OperationRow> rowsById;

    private final Map<UUID, AccountRow> accountsById;

    private final Map<UUID, List<EntryRow>> entriesByOperation;

    private final Map<UUID, List<FenceRow>> fenceByOperation;

    private final Map<ClientKey, List<FenceRow>> fenceByKey;

    private final Map<ClientKey, List<OperationRow>> rowsByKey;

    private final Map<ClientKey, Long> watermarks;

    private final Map<ClientKey, JournalRow> journalByKey;

    LedgerIndex(List<OperationResult> history, LedgerSnapshot ledger, List<JournalRow> journal) {
        Objects.requireNonNull(history, "history must not be null");
        Objects.requireNonNull(ledger, "ledger must not be null");
        Objects.requireNonNull(journal, "journal must not be null");
        Objects.requireNonNull(ledger.watermarks(), "ledger.watermarks must not be null");
        Objects.requireNonNull(ledger.accounts(), "ledger.accounts must not be null");
        Objects.requireNonNull(ledger.operations(), "ledger.operations must not be null");
        Objects.requireNonNull(ledger.entries(), "ledger.entries must not be null");
        Objects.requireNonNull(ledger.fence(), "ledger.fence must not be null");
        Objects.requireNonNull(ledger.historyRows(), "ledger.historyRows must not be null");
        resultsByDescription = new LinkedHashMap<>(capacity(history.size()));
        rowsByDescription = new HashMap<>(capacity(ledger.operations().size()));
        rowsById = new HashMap<>(capacity(ledger.operations().size()));
        accountsById = new HashMap<>(capacity(ledger.accounts().size()));
        entriesByOperation = new HashMap<>(capacity(ledger.operations().size()));
        fenceByOperation = new HashMap<>(capacity(ledger.fence().size()));
        fenceByKey = new HashMap<>(capacity(ledger.fence().size()));
        rowsByKey = new HashMap<>(capacity(ledger.operations().size()));
        watermarks = new HashMap<>(capacity(ledger.watermarks().size()));
        journalByKey = new HashMap<>(capacity(journal.size()));
        for (OperationResult result : history) {
            String description = result.operation().description();
            if (resultsByDescription.putIfAbsent(description, result) != null) {
                throw new IllegalArgumentException("history holds tag '" + result.operation().tag()
                        + "' twice; a tag must name one logical operation");
            }
        }
        for (OperationRow row : ledger.operations()) {
            rowsById.putIfAbsent(row.id(), row);
            if (row.description() != null) {
                rowsByDescription.computeIfAbsent(row.description(), d -> new ArrayList<>(1)).add(row);
            }
            if (row.idempotencyKey() != null) {
                rowsByKey.computeIfAbsent(new ClientKey(row.client(), row.idempotencyKey()), k -> new ArrayList<>(1))
                        .add(row);
            }
        }
        for (WatermarkRow watermark : ledger.watermarks()) {
            watermarks.merge(new ClientKey(watermark.client(), watermark.session()), watermark.watermark(), Math::max);
        }
        for (JournalRow row : journal) {
            journalByKey.putIfAbsent(new ClientKey(row.username(), row.idempotencyKey()), row);
        }
        for (AccountRow account : ledger.accounts()) {
            accountsById.putIfAbsent(account.id(), account);
        }
        for (EntryRow entry : ledger.entries()) {
            entriesByOperation.computeIfAbsent(entry.operationId(), id -> new ArrayList<>(2)).add(entry);
        }
        for (FenceRow fence : ledger.fence()) {
            if (fence.operationId() != null) {
                fenceByOperation.computeIfAbsent(fence.operationId(), id -> new ArrayList<>(1)).add(fence);
            }
            fenceByKey.computeIfAbsent(new ClientKey(fence.client(), fence.idempotencyKey()), k -> new ArrayList<>(1))
                    .add(fence);
        }
    }

    /** A map capacity that holds {@code size} keys without rehashing. */
    static int capacity(int size) {
        return (int) Math.min(Integer.MAX_VALUE, size * 4L / 3 + 1);
    }

    /** The operation of the run whose description a row carries, or {@code null} for a row nobody asked for. */
    OperationResult resultOf(OperationRow row) {
        return row.description() == null ? null : resultsByDescription.get(row.description());
    }

    /** Every row carrying the operation's description, in the snapshot's order; usually one. */
    List<OperationRow> rowsOf(Operation operation) {
        return rowsByDescription.getOrDefault(operation.description(), List.of());
    }

    /**
     * The row an acknowledgement is judged against: the one the answer named, else the one the key's fence
     * row names, else the first; {@code null} when the ledger holds no row of the operation. Only a duplicated
     * operation has a choice, and the duplication is reported on its own.
     */
    OperationRow primaryRow(OperationResult result) {
        List<OperationRow> rows = rowsOf(result.operation());
        if (rows.size() <= 1) {
            return rows.isEmpty() ? null : rows.get(0);
        }
        for (OperationRow row : rows) {
            if (row.id().equals(result.bankOperationId())) {
                return row;
            }
        }
        FenceRow fence = fenceOf(result.operation());
        for (OperationRow row : rows) {
            if (fence != null && row.id().equals(fence.operationId())) {
                return row;
            }
        }
        return rows.get(0);
    }

    OperationRow row(UUID id) {
        return rowsById.get(id);
    }

    AccountRow account(UUID id) {
        return accountsById.get(id);
    }

    List<EntryRow> entriesOf(UUID operationId) {
        return entriesByOperation.getOrDefault(operationId, List.of());
    }

    /** Operation ids that entries name, whether or not such an operation exists. */
    Iterable<UUID> operationIdsOfEntries() {
        return Collections.unmodifiableSet(entriesByOperation.keySet());
    }

    List<FenceRow> fencesPointingAt(UUID operationId) {
        return fenceByOperation.getOrDefault(operationId, List.of());
    }

    /** The fence row of the operation's (client, key at the bank), or {@code null}; the table's primary key allows one. */
    FenceRow fenceOf(Operation operation) {
        List<FenceRow> rows = fencesOfKey(bankKeyOf(operation));
        return rows.isEmpty() ? null : rows.get(0);
    }

    /**
     * The (client, key) the bank knows an operation by: for one sent through client-app the key client-app
     * sent (its journal's bank key), for any other the key the harness sent.
     */
    ClientKey bankKeyOf(Operation operation) {
        ClientKey own = ClientKey.of(operation);
        JournalRow journal = operation.channel() == Channel.CLIENT_APP ? journalByKey.get(own) : null;
        return journal == null ? own : new ClientKey(operation.client(), journal.keyAtBank());
    }

    /** client-app's journal row of an operation, by the client's own key, or {@code null}. */
    JournalRow journalOf(ClientKey key) {
        return journalByKey.get(key);
    }

    /** Every operation row that carries the (client, key), in the snapshot's order. */
    List<OperationRow> rowsOfKey(ClientKey key) {
        return rowsByKey.getOrDefault(key, List.of());
    }

    /** Every (client, key) some operation row carries, with those rows. */
    Map<ClientKey, List<OperationRow>> rowsByKey() {
        return Collections.unmodifiableMap(rowsByKey);
    }

    /**
     * Whether the key is a sequenced one that its session has acknowledged: the bank has discarded its fence
     * row by design, and only the operation row's key still names it.
     */
    boolean acknowledged(ClientKey key) {
        return sequenced(key.key())
                .map(sequenced -> sequenced.sequence() < watermarks.getOrDefault(
                        new ClientKey(key.client(), sequenced.session()), 0L))
                .orElse(false);
    }

    /** The session and sequence of a {@code <session>.<sequence>} key; empty for an opaque key. */
    static Optional<SequencedKey> sequenced(String key) {
        return IdempotencyKey.isValid(key) ? SequencedKey.of(new IdempotencyKey(key)) : Optional.empty();
    }

    List<FenceRow> fencesOfKey(ClientKey key) {
        return fenceByKey.getOrDefault(key, List.of());
    }

    /** A client's idempotency key: what the fence and client-app's journal are unique on. */
    record ClientKey(String client, String key) {

        static ClientKey of(Operation operation) {
            return new ClientKey(operation.client(), operation.idempotencyKey());
        }

        @Override
        public String toString() {
            return "(" + client + ", " + key + ")";
        }
    }
}
