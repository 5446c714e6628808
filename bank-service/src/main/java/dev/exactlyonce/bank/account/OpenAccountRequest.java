package dev.exactlyonce.bank.account;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import dev.exactlyonce.bank.money.Amounts;

/**
 * Opening an account.
 *
 * @param currency ISO 4217 code the account is kept in
 * @param overdraftLimit how far below zero the balance may go, in minor units; 0 when absent
 */
record OpenAccountRequest(@NotNull String currency, @PositiveOrZero @Max(Amounts.MAX_AMOUNT) Long overdraftLimit) {
}
