package dev.exactlyonce.chaos.history;

import java.util.UUID;

/**
 * One logical money operation of the workload: one Idempotency-Key, sent until a definite answer.
 *
 * @param tag unique within a run; it is the operation's description in the ledger, so the checker can
 *        find every effect of it even one that slipped past the fence
 * @param client the bank client (and client-app user) that owns the accounts
 * @param toAccountId the destination of a transfer; {@code null} otherwise
 * @param amount minor units, positive
 */
public record Operation(String tag, String client, Channel channel, String idempotencyKey, OperationKind kind,
        UUID accountId, UUID toAccountId, long amount, String currency) {

    /** The description the operation carries into the ledger. */
    public String description() {
        return descriptionOf(tag);
    }

    public static String descriptionOf(String tag) {
        return "chaos " + tag;
    }
}
