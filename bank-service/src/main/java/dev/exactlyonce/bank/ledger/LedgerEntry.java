package dev.exactlyonce.bank.ledger;

import java.util.UUID;

/** One leg of an operation: a signed amount on one account. */
record LedgerEntry(UUID accountId, long amount, Long balanceAfter) {
}
