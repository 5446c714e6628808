package dev.exactlyonce.client.bank;

import java.util.UUID;

/**
 * One money movement to ask the bank for, with the key that identifies it on every attempt.
 *
 * @param accountId the account credited or debited, or the source of a transfer
 * @param toAccountId the destination of a transfer; {@code null} otherwise
 * @param amount minor units, positive
 */
public record MoneyMovement(Kind kind, UUID accountId, UUID toAccountId, long amount, String currency,
        String description, String idempotencyKey) {

    /** What the bank is asked to do. */
    public enum Kind {
        CREDIT, DEBIT, TRANSFER
    }

    public MoneyMovement {
        if (kind == null) {
            throw new IllegalArgumentException("kind must not be null");
        }
        if (accountId == null) {
            throw new IllegalArgumentException("accountId must not be null");
        }
        if ((kind == Kind.TRANSFER) != (toAccountId != null)) {
            throw new IllegalArgumentException("toAccountId must be set for a transfer and only for a transfer, was "
                    + toAccountId + " for " + kind);
        }
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be positive, was " + amount);
        }
        if (idempotencyKey == null || idempotencyKey.isEmpty()) {
            throw new IllegalArgumentException("idempotencyKey must not be empty");
        }
    }
}
