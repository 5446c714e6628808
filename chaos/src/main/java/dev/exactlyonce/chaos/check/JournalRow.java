package dev.exactlyonce.chaos.check;

import java.util.UUID;

/**
 * A row of client-app's journal ({@code client_journal.operation}).
 *
 * @param idempotencyKey the key the caller gave client-app
 * @param bankKey the {@code <session>.<sequence>} key client-app sent to the bank; {@code null} from a
 *        client-app that sends the caller's key on
 * @param status IN_DOUBT, SUCCEEDED or REJECTED
 * @param bankOperationId the bank's operation id once client-app learnt it; {@code null} otherwise
 */
public record JournalRow(String username, String idempotencyKey, String bankKey, String status, UUID bankOperationId,
        String description) {

    /** The key the bank knows the operation by. */
    public String keyAtBank() {
        return bankKey != null ? bankKey : idempotencyKey;
    }
}
