package dev.exactlyonce.bank.ledger;

import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.exactlyonce.bank.money.Amounts;

/** A transfer from one of the caller's accounts to any account in the same currency. */
record TransferRequest(
        @NotNull UUID fromAccountId,
        @NotNull UUID toAccountId,
        @NotNull @Min(1) @Max(Amounts.MAX_AMOUNT) Long amount,
        @NotNull String currency,
        @Size(max = 140) String description) {
}
