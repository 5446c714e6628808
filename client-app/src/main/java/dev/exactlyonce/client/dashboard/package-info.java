/**
 * The web dashboard: server-rendered pages where a signed-in user watches balances, moves money with
 * forms whose Idempotency-Key is minted when the form is rendered, and sees a lost reply retried.
 */
package dev.exactlyonce.client.dashboard;
