package dev.exactlyonce.client.bank;

import java.util.UUID;

import dev.exactlyonce.idempotency.IdempotencyKey;
import dev.exactlyonce.idempotency.SequencedKey;

/**
 * One money movement to ask the bank for, with the key that identifies it on every attempt.
 *
 * @param accountId the account credited or debited, or the source of a transfer
 * @param toAccountId the destination of a transfer; {@code null} otherwise
 * @param amount minor units, positive
 * @param idempotencyKey the key at the bank: a {@link SequencedKey} when {@code acknowledged} is set, else opaque
 * @param acknowledged every reply of the key's session below this sequence has been received, fixed when the
 *        key was minted; {@code null} for an opaque key, which carries no acknowledgement
 */
public record MoneyMovement(Kind kind, UUID accountId, UUID toAccountId, long amount, String currency,
        String description, String idempotencyKey, Long acknowledged) {

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
        if (acknowledged != null && SequencedKey.of(new IdempotencyKey(idempotencyKey)).isEmpty()) {
            throw new IllegalArgumentException("Only a sequenced key carries an acknowledgement, was " + idempotencyKey);
        }
    }

    /**
     * The Idempotency-Key header field value: {@code <session>.<sequence>;ack=<n>}, or the bare key when the
     * key is opaque or {@code withAcknowledgement} is off. The same value on every attempt of the movement,
     * because nothing in it changes after minting.
     */
    String headerField(boolean withAcknowledgement) {
        if (acknowledged == null || !withAcknowledgement) {
            return idempotencyKey;
        }
        return SequencedKey.of(new IdempotencyKey(idempotencyKey)).orElseThrow().field(acknowledged);
    }
}
