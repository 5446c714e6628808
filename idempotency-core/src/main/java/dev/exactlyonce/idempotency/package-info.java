/**
 * The idempotency core: keys, request fingerprints, the per-request state machine and the store SPI,
 * in plain Java so they can be read and tested without Spring, Redis or a servlet container.
 */
package dev.exactlyonce.idempotency;
