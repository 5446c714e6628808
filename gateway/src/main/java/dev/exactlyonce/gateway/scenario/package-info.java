/**
 * The scenario runner: a client whose debit reply is lost retries from a new session, once with a key
 * minted per session and once with a stable key, and the two outcomes are printed side by side. It is a
 * plain HTTP client and depends on nothing else in the gateway.
 */
package dev.exactlyonce.gateway.scenario;
