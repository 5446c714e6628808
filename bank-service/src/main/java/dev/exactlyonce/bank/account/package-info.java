/**
 * Accounts: who owns them, their currency, balance and overdraft limit; opened exactly once per key,
 * with limits set only by operators and every change of one recorded.
 */
package dev.exactlyonce.bank.account;
