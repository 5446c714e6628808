package dev.exactlyonce.client.bank;

import java.time.Instant;

/**
 * A definite answer: any other 4xx (insufficient funds, unknown account, invalid request, key reused for
 * another request). Never retried: the same request under the same key would get the same answer.
 */
final class RefusedAttemptException extends BankAttemptException {

    private final BankHttpException reply;

    RefusedAttemptException(BankHttpException reply, Instant deadline) {
        super(reply.getMessage(), reply.status(), null, deadline, reply);
        this.reply = reply;
    }

    boolean replayed() {
        return reply.replayed();
    }

    BankProblem problem() {
        return reply.problem();
    }
}
