/**
 * Idempotency-Key enforcement: which calls the upstream de-duplicates by key, and the refusal of a
 * money-moving call that arrives without one.
 */
package dev.exactlyonce.gateway.keys;
