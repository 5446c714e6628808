package dev.exactlyonce.client.bank;

import java.util.UUID;

/**
 * What the bank said when it refused: the RFC 9457 problem fields the client uses.
 *
 * @param type the stable problem type URI, e.g. {@code .../insufficient-funds}; {@code null} when the body
 *        was not a problem document
 * @param operationId the bank's operation id when the refusal was itself recorded (a rejected debit)
 */
record BankProblem(String type, String title, String detail, UUID operationId) {

    static final BankProblem NONE = new BankProblem(null, null, null, null);

    /** The kind of refusal, decided on {@link #type}. */
    BankProblemType kind() {
        return BankProblemType.of(type);
    }

    /** A short human reading: "Insufficient funds: Account ... has 5.00 EUR". */
    String describe(int status) {
        String head = title != null ? title : "HTTP " + status;
        return detail != null ? head + ": " + detail : head;
    }
}
