/**
 * The idempotency fence of record: one row per (client, Idempotency-Key) written in the same
 * PostgreSQL transaction as the money movement it guards, so a second execution can never commit.
 */
package dev.exactlyonce.bank.fence;
