package dev.exactlyonce.idempotency;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A token that names one execution of a request. Every change to a PENDING record must present the token of
 * the execution that holds it, so an execution whose lease expired and was taken over can no longer complete,
 * renew or release the record of the one that took over.
 *
 * <p>What a token must be is unique among the executions of every process that shares the store; it never leaves
 * the service and its store, so nobody has to be kept from guessing it. It is therefore this process's random
 * 8-byte name, drawn once from {@link SecureRandom}, followed by an 8-byte count of the tokens the process has
 * made: unique within the process by construction, and across processes unless two of them drew the same name
 * (one chance in 2^64 for a pair). Drawing 16 random bytes per request instead cost about 1.5 % of a replay's CPU
 * in the starter's benchmark (issue 17), and one shared {@code SecureRandom} was a lock every request queued at.
 */
public final class OwnerToken extends FixedBytes {

    /** Length of a token in bytes. */
    public static final int LENGTH = 16;

    private static final long PROCESS = new SecureRandom().nextLong();

    private static final AtomicLong COUNT = new AtomicLong();

    private OwnerToken(byte[] bytes) {
        super(bytes);
    }

    /** A new token, different from every other this process or another makes. */
    public static OwnerToken next() {
        return new OwnerToken(ByteBuffer.allocate(LENGTH).putLong(PROCESS).putLong(COUNT.incrementAndGet()).array());
    }

    /** A token read back from a store. */
    public static OwnerToken fromBytes(byte[] bytes) {
        return new OwnerToken(copyOf("An owner token", LENGTH, bytes));
    }
}
