/** Per-client rate limits, counted in Redis so that every gateway replica shares one budget per client. */
package dev.exactlyonce.gateway.ratelimit;
