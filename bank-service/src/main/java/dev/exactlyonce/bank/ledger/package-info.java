/**
 * Money movements (credit, debit, transfer) and the double-entry ledger that records them: every
 * operation's entries sum to zero, and every movement passes the idempotency fence.
 */
package dev.exactlyonce.bank.ledger;
