/** Cross-cutting configuration of client-app: the clock, JSON parsing and problem responses. */
package dev.exactlyonce.client.system;
