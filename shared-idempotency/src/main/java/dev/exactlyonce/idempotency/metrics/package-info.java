/**
 * Micrometer metrics of the idempotency starter: requests by outcome, store call timings, lease
 * renewals and stored record sizes.
 */
package dev.exactlyonce.idempotency.metrics;
