/** Accounts: who owns them, their currency, balance and overdraft limit. */
package dev.exactlyonce.bank.account;
