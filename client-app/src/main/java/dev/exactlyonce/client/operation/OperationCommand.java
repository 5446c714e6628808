package dev.exactlyonce.client.operation;

import java.util.UUID;

/**
 * What a user asks for.
 *
 * @param accountId the account credited or debited, or the source of a transfer
 * @param toAccountId the destination of a transfer; {@code null} for credits and debits
 * @param amount minor units of the currency (cents for EUR), positive
 * @param currency ISO 4217 code, e.g. {@code EUR}
 * @param description free text for the statement, at most 140 characters; may be {@code null}
 * @param idempotencyKey the key of this logical operation when the caller minted one (a form does, so
 *        that a double submit finds the first); {@code null} to have one minted
 */
public record OperationCommand(OperationType type, UUID accountId, UUID toAccountId, long amount, String currency,
        String description, String idempotencyKey) {

    /** The same command carrying the given key. */
    public OperationCommand withIdempotencyKey(String key) {
        return new OperationCommand(type, accountId, toAccountId, amount, currency, description, key);
    }
}
