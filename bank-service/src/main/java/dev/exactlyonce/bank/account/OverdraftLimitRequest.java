package dev.exactlyonce.bank.account;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import dev.exactlyonce.bank.money.Amounts;

/**
 * An operator setting an account's overdraft limit.
 *
 * @param overdraftLimit how far below zero the balance may go, in minor units, 0 to 10^15
 */
record OverdraftLimitRequest(@NotNull @Min(0) @Max(Amounts.MAX_AMOUNT) Long overdraftLimit) {
}
