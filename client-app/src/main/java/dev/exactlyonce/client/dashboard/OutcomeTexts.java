package dev.exactlyonce.client.dashboard;

import dev.exactlyonce.client.bank.BankProblemType;
import dev.exactlyonce.client.operation.JournalView;
import dev.exactlyonce.client.operation.OperationStatus;
import dev.exactlyonce.client.operation.OperationType;

/**
 * What an operation is and how it ended, in plain words rather than statuses and HTTP codes. A refusal is
 * told apart by the bank's problem type, which the journal keeps beside the bank's own sentence.
 */
final class OutcomeTexts {

    private OutcomeTexts() {
    }

    static String type(OperationType type) {
        return switch (type) {
            case CREDIT -> "Credit";
            case DEBIT -> "Debit";
            case TRANSFER -> "Transfer";
        };
    }

    static String status(OperationStatus status) {
        return switch (status) {
            case SUCCEEDED -> "Done";
            case REJECTED -> "Refused";
            case IN_DOUBT -> "Not sure yet";
        };
    }

    /** "from EUR account ··abcd to EUR account ··ef01". */
    static String route(JournalView view) {
        String from = AccountCard.label(view.accountId(), view.currency());
        return switch (view.type()) {
            case CREDIT -> "to " + from;
            case DEBIT -> "from " + from;
            case TRANSFER -> "from " + from + " to " + AccountCard.label(view.toAccountId(), view.currency());
        };
    }

    /** @param amount the operation's amount as the page shows it */
    static String outcome(JournalView view, String amount) {
        return switch (view.status()) {
            case SUCCEEDED -> switch (view.type()) {
                case CREDIT -> "The bank credited " + amount + ".";
                case DEBIT -> "The bank debited " + amount + ".";
                case TRANSFER -> "The bank moved " + amount + " between the accounts.";
            };
            case REJECTED -> refusal(BankProblemType.of(view.problemType()));
            case IN_DOUBT -> "No definite answer yet: " + inDoubtReason(view)
                    + " The dashboard keeps asking with the same key, so the money moves once or not at all.";
        };
    }

    static String refusal(BankProblemType problem) {
        return switch (problem) {
            case INSUFFICIENT_FUNDS -> "Not enough money in the account, so the bank refused and nothing moved. "
                    + "Sending this form again gives the same answer; start a new one to try again.";
            case ACCOUNT_NOT_FOUND -> "The bank does not know this account, or it is not yours. Nothing moved.";
            case CURRENCY_MISMATCH -> "The account holds a different currency. Nothing moved.";
            case BALANCE_LIMIT_EXCEEDED -> "That would take the balance past the most the bank allows. Nothing moved.";
            case IDEMPOTENCY_KEY_REUSED -> "The bank already used this form's key for a different operation. Nothing moved.";
            case IDEMPOTENCY_KEY_ACKNOWLEDGED -> "The bank had already forgotten this operation's key and refused to "
                    + "run it again. Check the account's history to see whether the money moved.";
            case UNAUTHORIZED, FORBIDDEN -> "The bank did not accept the dashboard's credentials for you. Nothing moved.";
            case BANK_UNAVAILABLE, OTHER -> "The bank refused this request, and nothing moved.";
        };
    }

    private static String inDoubtReason(JournalView view) {
        if (BankProblemType.of(view.problemType()) == BankProblemType.BANK_UNAVAILABLE) {
            return "the bank has been failing, so the dashboard is giving it a moment before asking again.";
        }
        if (view.outcomeDetail() == null || view.outcomeDetail().isEmpty()) {
            return "the first attempt is on its way.";
        }
        return "the last attempt got no usable reply.";
    }
}
