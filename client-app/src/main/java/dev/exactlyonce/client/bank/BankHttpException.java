package dev.exactlyonce.client.bank;

/**
 * A non-2xx HTTP answer from the bank, decoded but not yet judged: whether it is worth retrying is
 * {@link BankCalls}'s decision, not the decoder's.
 */
final class BankHttpException extends RuntimeException {

    private final int status;

    private final String retryAfter;

    private final boolean replayed;

    private final BankProblem problem;

    BankHttpException(int status, String retryAfter, boolean replayed, BankProblem problem) {
        super(problem.describe(status));
        this.status = status;
        this.retryAfter = retryAfter;
        this.replayed = replayed;
        this.problem = problem;
    }

    int status() {
        return status;
    }

    /** The raw {@code Retry-After} header, or {@code null}. */
    String retryAfter() {
        return retryAfter;
    }

    boolean replayed() {
        return replayed;
    }

    BankProblem problem() {
        return problem;
    }
}
