/**
 * The servlet filter that applies the Idempotency-Key protocol to chosen Spring MVC endpoints, and what
 * it needs from the application: which endpoints, and who the client is.
 */
package dev.exactlyonce.idempotency.web;
