/** The bank service: accounts, money movements and the ledger that records them exactly once. */
package dev.exactlyonce.bank;
