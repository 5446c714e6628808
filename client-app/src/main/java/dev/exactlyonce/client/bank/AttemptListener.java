package dev.exactlyonce.client.bank;

import java.time.Instant;

/**
 * Told about every attempt as it happens, so that the journal holds each one even if the process dies
 * before the next.
 */
public interface AttemptListener {

    /** An attempt is about to be sent. */
    void attemptStarted(Instant at);

    /**
     * The attempt ended.
     *
     * @param httpStatus the reply's status, or {@code null} when there was no reply we could read
     * @param error what went wrong, or {@code null} when the bank answered with a definite reply
     * @param replayed whether the bank said the reply was the stored outcome of an earlier attempt
     */
    void attemptFinished(Integer httpStatus, String error, boolean replayed);

    /** A listener for calls nobody journals. */
    AttemptListener NONE = new AttemptListener() {

        @Override
        public void attemptStarted(Instant at) {
        }

        @Override
        public void attemptFinished(Integer httpStatus, String error, boolean replayed) {
        }
    };
}
