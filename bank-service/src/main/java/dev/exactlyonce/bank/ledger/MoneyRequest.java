package dev.exactlyonce.bank.ledger;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.exactlyonce.bank.money.Amounts;

/**
 * A credit or debit.
 *
 * @param amount whole minor units (cents for EUR); JSON fractions, exponents and strings are refused
 * @param currency ISO 4217 code, which must be the account's
 * @param description free text for the statement
 */
record MoneyRequest(
        @NotNull @Min(1) @Max(Amounts.MAX_AMOUNT) Long amount,
        @NotNull String currency,
        @Size(max = 140) String description) {
}
