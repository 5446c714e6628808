/**
 * Retries upstream calls that are safe to repeat, and only those: idempotent methods, and POSTs whose
 * Idempotency-Key the upstream de-duplicates by.
 */
package dev.exactlyonce.gateway.retry;
