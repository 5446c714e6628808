package dev.exactlyonce.bank.ledger;

import java.time.Instant;
import java.util.UUID;

/**
 * An operator's change of an account's overdraft limit, as the account's history shows it. It moves no
 * money, so it has no ledger entries; the account package writes it, under the account's row lock.
 *
 * @param changedBy the operator's name
 */
record OverdraftLimitChange(UUID id, UUID accountId, String currency, long previousOverdraftLimit, long overdraftLimit,
        String changedBy, Instant createdAt) implements HistoryItem {
}
