package dev.exactlyonce.client.dashboard;

import java.util.UUID;

import dev.exactlyonce.client.bank.AccountView;

/**
 * An account as the dashboard shows it.
 *
 * @param label what a person calls it: currency and the last characters of its id
 * @param balance minor units
 */
record AccountCard(UUID id, String label, String currency, long balance, String balanceText) {

    static AccountCard of(AccountView account) {
        return new AccountCard(account.id(), label(account.id(), account.currency()), account.currency(),
                account.balance(), Money.format(account.balance(), account.currency()));
    }

    /** "EUR account ··9f3a": enough to tell a person's few accounts apart. */
    static String label(UUID id, String currency) {
        return currency + " account " + shortId(id);
    }

    static String shortId(UUID id) {
        String text = id.toString();
        return "··" + text.substring(text.length() - 4);
    }
}
