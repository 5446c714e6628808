package dev.exactlyonce.chaos.check;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * bank-service's database after a run, read in one transaction, plus what its history API lists.
 *
 * @param fence the fence rows that remain: a sequenced key's row is discarded once its session acknowledged it
 * @param watermarks per (client, session), the highest acknowledgement the bank applied
 * @param historyRows per customer account, the number of money operations its history API lists
 *        (overdraft-limit changes left out)
 */
public record LedgerSnapshot(List<AccountRow> accounts, List<OperationRow> operations, List<EntryRow> entries,
        List<FenceRow> fence, List<WatermarkRow> watermarks, Map<UUID, Long> historyRows) {

    /** A row of {@code account}; {@code kind} is CUSTOMER or SETTLEMENT. */
    public record AccountRow(UUID id, String owner, String kind, String currency, long balance, long overdraftLimit) {
    }

    /**
     * A row of {@code operation}; {@code counterpartyAccountId} is a transfer's destination.
     *
     * @param idempotencyKey the key that created it, kept for audit after its fence row is discarded
     */
    public record OperationRow(UUID id, String client, String type, String status, UUID accountId,
            UUID counterpartyAccountId, long amount, String currency, String description, String idempotencyKey) {
    }

    /** A row of {@code ledger_entry}. */
    public record EntryRow(UUID operationId, UUID accountId, long amount, String currency) {
    }

    /** A row of {@code idempotency_record}: the key and what it created (an operation or an account). */
    public record FenceRow(String client, String idempotencyKey, UUID operationId, UUID accountId) {
    }

    /**
     * A row of {@code idempotency_watermark}: the client has received every reply of {@code session} whose
     * sequence is below {@code watermark}, so the fence rows below it are gone.
     */
    public record WatermarkRow(String client, String session, long watermark) {
    }
}
