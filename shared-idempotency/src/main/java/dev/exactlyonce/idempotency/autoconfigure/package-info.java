/**
 * Auto-configuration of the idempotency starter and its {@code exactlyonce.idempotency.*} properties.
 */
package dev.exactlyonce.idempotency.autoconfigure;
