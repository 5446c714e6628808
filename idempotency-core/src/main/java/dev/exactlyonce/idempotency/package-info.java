/**
 * The Idempotency-Key protocol: key rules, header names, request fingerprints, the per-request state
 * machine and the store SPI, in plain Java so they can be read, tested and used by a gateway or client
 * without Spring, Redis or a servlet container.
 */
package dev.exactlyonce.idempotency;
