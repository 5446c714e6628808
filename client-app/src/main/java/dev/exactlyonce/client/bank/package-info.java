/**
 * The bank as client-app sees it: an OpenFeign client for the bank API behind the gateway, wrapped in
 * Resilience4j retries and a circuit breaker, and translated into definite or in-doubt outcomes.
 */
package dev.exactlyonce.client.bank;
