/**
 * The gateway: Spring Cloud Gateway (server-webmvc) in front of bank-service, which refuses what could
 * never be safe and retries only what is.
 */
package dev.exactlyonce.gateway;
