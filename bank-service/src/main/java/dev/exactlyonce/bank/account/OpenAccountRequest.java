package dev.exactlyonce.bank.account;

import jakarta.validation.constraints.NotNull;

/**
 * Opening an account. The currency is all a customer chooses: the overdraft limit is the bank's
 * decision ({@code PUT /accounts/{id}/overdraft-limit}, operators only), so a request naming
 * {@code overdraftLimit}, in any form, is refused like every other field the request may not set.
 *
 * @param currency ISO 4217 code the account is kept in
 */
record OpenAccountRequest(@NotNull String currency) {
}
