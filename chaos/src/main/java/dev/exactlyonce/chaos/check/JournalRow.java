package dev.exactlyonce.chaos.check;

import java.util.UUID;

/**
 * A row of client-app's journal ({@code client_journal.operation}).
 *
 * @param status IN_DOUBT, SUCCEEDED or REJECTED
 * @param bankOperationId the bank's operation id once client-app learnt it; {@code null} otherwise
 */
public record JournalRow(String username, String idempotencyKey, String status, UUID bankOperationId,
        String description) {
}
