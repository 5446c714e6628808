/**
 * The web dashboard: server-rendered pages where a signed-in user watches balances and moves money with
 * forms whose Idempotency-Key is minted when the form is rendered. The lost-reply demonstration is a page of
 * its own, in {@code dashboard.demo}, built on this package's reads and formats.
 */
package dev.exactlyonce.client.dashboard;
