package dev.exactlyonce.bank.fence;

/**
 * The request's key is a sequenced key below its session's watermark: the client acknowledged its reply,
 * and the fence discarded it. Thrown after the fence row was inserted, so the transaction rolls back and
 * nothing is written.
 */
public class AcknowledgedKeyException extends RuntimeException {

    AcknowledgedKeyException(long watermark) {
        super("The client acknowledged every reply of this session below sequence " + watermark
                + ", and the reply for this key was discarded; a new operation needs a new key");
    }
}
