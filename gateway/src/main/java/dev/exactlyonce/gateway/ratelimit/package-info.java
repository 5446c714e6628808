/**
 * Rate limits on Spring Cloud Gateway's own RateLimiter filter: a token bucket per client and one per
 * address, kept in Redis so that every gateway replica takes from the same buckets.
 */
package dev.exactlyonce.gateway.ratelimit;
