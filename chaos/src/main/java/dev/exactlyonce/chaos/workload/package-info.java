/**
 * The workload: clients that send credits, debits and transfers, one key per logical operation, retried
 * until a definite answer, straight to the gateway or through client-app.
 */
package dev.exactlyonce.chaos.workload;
