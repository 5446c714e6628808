/** Amounts in integer minor units and the ISO 4217 currencies the bank accepts. */
package dev.exactlyonce.bank.money;
