package dev.exactlyonce.bank.ledger;

import java.time.Instant;
import java.util.UUID;

/**
 * One entry of an account's history: a money operation or a change of its overdraft limit. Both take
 * their place from one sequence, so the history is one timeline, newest first.
 */
sealed interface HistoryItem permits Operation, OverdraftLimitChange {

    UUID id();

    UUID accountId();

    Instant createdAt();
}
