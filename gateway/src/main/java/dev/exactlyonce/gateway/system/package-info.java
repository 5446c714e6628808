/** Cross-cutting edge concerns: problem responses, request ids and the request body limit. */
package dev.exactlyonce.gateway.system;
