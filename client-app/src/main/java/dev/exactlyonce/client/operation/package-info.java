/**
 * Money operations as the user asked for them: the durable pending-operation journal, the worker that
 * drives each operation to a definite outcome under one Idempotency-Key, and the resumer that picks up
 * operations left in doubt, including after a crash.
 */
package dev.exactlyonce.client.operation;
