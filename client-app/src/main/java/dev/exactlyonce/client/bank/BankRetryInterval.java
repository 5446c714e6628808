package dev.exactlyonce.client.bank;

import java.time.Clock;

import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.functions.Either;

/**
 * The wait before the next attempt: the configured exponential backoff with jitter, stretched to the
 * bank's {@code Retry-After} when that is longer, and {@value #STOP} when the next attempt could not start
 * before the round's deadline. Resilience4j's Retry ends the round on a negative interval and rethrows
 * the last failure, which is how attempts are bounded in total time as well as in number.
 */
final class BankRetryInterval implements IntervalBiFunction<Object> {

    /** Tells Resilience4j's Retry to stop waiting and give up now. */
    static final long STOP = -1L;

    private final IntervalBiFunction<Object> backoff;

    private final Clock clock;

    BankRetryInterval(IntervalBiFunction<Object> backoff, Clock clock) {
        if (backoff == null) {
            throw new IllegalArgumentException("backoff must not be null");
        }
        if (clock == null) {
            throw new IllegalArgumentException("clock must not be null");
        }
        this.backoff = backoff;
        this.clock = clock;
    }

    @Override
    public Long apply(Integer attempt, Either<Throwable, Object> outcome) {
        long wait = backoff.apply(attempt, outcome);
        if (outcome.isLeft() && outcome.getLeft() instanceof BankAttemptException failure) {
            wait = Math.max(wait, failure.retryAfter().toMillis());
            if (failure.deadline() != null && clock.millis() + wait >= failure.deadline().toEpochMilli()) {
                return STOP;
            }
        }
        return wait;
    }
}
