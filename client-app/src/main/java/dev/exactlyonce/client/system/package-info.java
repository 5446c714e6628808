/** Cross-cutting configuration of client-app: the clock, strict JSON input on its API, and problem responses. */
package dev.exactlyonce.client.system;
