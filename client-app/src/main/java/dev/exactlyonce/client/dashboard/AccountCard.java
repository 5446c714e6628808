package dev.exactlyonce.client.dashboard;

import java.util.List;
import java.util.UUID;

import dev.exactlyonce.client.bank.AccountView;

/**
 * An account as the dashboard shows it.
 *
 * @param label what a person calls it: currency and the last characters of its id
 * @param balance minor units
 */
public record AccountCard(UUID id, String label, String currency, long balance, String balanceText) {

    public static AccountCard of(AccountView account) {
        return new AccountCard(account.id(), label(account.id(), account.currency()), account.currency(),
                account.balance(), Money.format(account.balance(), account.currency()));
    }

    /** The account among {@code accounts} whose id a form sent as {@code id}; {@code null} for none or a malformed id. */
    public static AccountCard find(List<AccountCard> accounts, String id) {
        UUID wanted = parseId(id);
        return wanted == null ? null
                : accounts.stream().filter(account -> account.id().equals(wanted)).findFirst().orElse(null);
    }

    /** An account id as a form or an address sends it; {@code null} when it is missing or not a UUID. */
    static UUID parseId(String text) {
        try {
            return text == null || text.isBlank() ? null : UUID.fromString(text.strip());
        } catch (IllegalArgumentException ex) {
            return null;
        }
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
