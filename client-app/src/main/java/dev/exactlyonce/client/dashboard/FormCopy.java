package dev.exactlyonce.client.dashboard;

import java.util.Locale;
import java.util.Optional;

import dev.exactlyonce.client.operation.OperationType;

/**
 * The words on each kind of money form.
 *
 * @param path where a fresh form of this kind is shown
 * @param noun "debit", for sentences such as "start a new debit"
 */
record FormCopy(OperationType type, String path, String title, String lead, String accountLabel, String button,
        String busy, String noun) {

    static final FormCopy CREDIT = new FormCopy(OperationType.CREDIT, "/dashboard/credit", "Credit an account",
            "Put money into one of your accounts.", "Account to credit", "Credit", "Crediting…", "credit");

    static final FormCopy DEBIT = new FormCopy(OperationType.DEBIT, "/dashboard/debit", "Debit an account",
            "Take money out of one of your accounts.", "Account to debit", "Debit", "Debiting…", "debit");

    static final FormCopy TRANSFER = new FormCopy(OperationType.TRANSFER, "/dashboard/transfer",
            "Transfer between your accounts", "Move money from one of your accounts to another in the same currency.",
            "From account", "Transfer", "Transferring…", "transfer");

    static FormCopy of(OperationType type) {
        return switch (type) {
            case CREDIT -> CREDIT;
            case DEBIT -> DEBIT;
            case TRANSFER -> TRANSFER;
        };
    }

    /** The copy for a path segment such as {@code debit}. */
    static Optional<FormCopy> forSegment(String segment) {
        try {
            return Optional.of(of(OperationType.valueOf(segment.toUpperCase(Locale.ROOT))));
        } catch (IllegalArgumentException ex) {
            return Optional.empty();
        }
    }
}
