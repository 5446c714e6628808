/** The checker: global invariants of the ledger, the fence and client-app's journal after a run. */
package dev.exactlyonce.chaos.check;
