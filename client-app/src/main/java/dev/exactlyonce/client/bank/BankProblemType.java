package dev.exactlyonce.client.bank;

import java.util.Arrays;

/**
 * The kinds of problem with the bank that client-app tells apart, each named by the stable {@code type} URI
 * of an RFC 9457 problem: the bank's refusals, and client-app's own when it did not reach the bank. Decisions are made on these, never on a problem's title or detail, which are text for
 * people and may be reworded.
 */
public enum BankProblemType {

    INSUFFICIENT_FUNDS("insufficient-funds"),

    ACCOUNT_NOT_FOUND("account-not-found"),

    CURRENCY_MISMATCH("currency-mismatch"),

    BALANCE_LIMIT_EXCEEDED("balance-limit-exceeded"),

    /** The key was already used for a different request (another body, path or method). */
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused"),

    /**
     * HTTP 410: the key's sequence is below its session's acknowledged watermark, so the bank forgot its reply and
     * refused without running anything. client-app acknowledges only replies it has, so this is a bug if it
     * ever answers an operation client-app still needs.
     */
    IDEMPOTENCY_KEY_ACKNOWLEDGED("idempotency-key-acknowledged"),

    /** The bank did not accept client-app's bearer token for the user. */
    UNAUTHORIZED("unauthorized"),

    /** The token may not do this. */
    FORBIDDEN("forbidden"),

    /**
     * client-app's own type, which its API answers with too: the circuit breaker did not let the call reach
     * the bank, which has been failing.
     */
    BANK_UNAVAILABLE("client/bank-unavailable"),

    /** Any other type, or a refusal without a problem document. */
    OTHER(null);

    private static final String TYPE_BASE = "https://exactly-once.dev/problems/";

    private final String uri;

    BankProblemType(String slug) {
        this.uri = slug == null ? null : TYPE_BASE + slug;
    }

    /** The problem {@code type} as the bank sends it; {@code null} for {@link #OTHER}. */
    public String uri() {
        return uri;
    }

    /** The kind named by {@code uri}; {@link #OTHER} for an unknown type or none. */
    public static BankProblemType of(String uri) {
        return uri == null ? OTHER
                : Arrays.stream(values()).filter(type -> uri.equals(type.uri)).findFirst().orElse(OTHER);
    }
}
