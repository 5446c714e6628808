package dev.exactlyonce.client.bank;

import java.time.Instant;

/**
 * A definite answer: any other 4xx (insufficient funds, unknown account, invalid request, key reused for
 * another request). Never retried: the same request under the same key would get the same answer.
 */
final class BankRefusedException extends BankAttemptException {

    private final boolean replayed;

    private final BankProblem problem;

    BankRefusedException(int httpStatus, boolean replayed, BankProblem problem, Instant deadline, Throwable cause) {
        super(problem.describe(httpStatus), httpStatus, null, deadline, cause);
        this.replayed = replayed;
        this.problem = problem;
    }

    boolean replayed() {
        return replayed;
    }

    BankProblem problem() {
        return problem;
    }
}
