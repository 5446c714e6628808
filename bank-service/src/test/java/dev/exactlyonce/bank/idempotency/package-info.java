/**
 * End-to-end checks of the Redis fast path (shared-idempotency) in front of the ledger's own fence,
 * against a real bank-service, PostgreSQL and Redis.
 */
package dev.exactlyonce.bank.idempotency;
