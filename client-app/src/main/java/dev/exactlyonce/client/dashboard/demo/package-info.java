/**
 * The dashboard's lost-reply demonstration: the gateway drops the reply to a debit the bank applied, and a
 * person retries it with the same Idempotency-Key or a new one and sees, from the bank's own records, how
 * many debits that made. Its single attempts bypass client-app's journal and retries on purpose.
 */
package dev.exactlyonce.client.dashboard.demo;
