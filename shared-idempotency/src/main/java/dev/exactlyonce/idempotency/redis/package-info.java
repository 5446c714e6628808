/**
 * The Redis implementation of the idempotency store: one atomic Lua script per transition, records as
 * compact binary strings, lease and retention by Redis's own clock. Runs on Redis 6.2 and later.
 */
package dev.exactlyonce.idempotency.redis;
