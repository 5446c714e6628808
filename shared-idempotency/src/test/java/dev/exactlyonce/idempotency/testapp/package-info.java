/**
 * A tiny Spring MVC application, test-only, that the filter's integration tests run against: basic
 * authentication for two clients and handlers that count how often they really ran.
 */
package dev.exactlyonce.idempotency.testapp;
