package dev.exactlyonce.client.operation;

import java.util.UUID;

/**
 * This process no longer holds the lease on an operation it was running a round for: another replica took it
 * over (this one paused for longer than the instance timeout), or the operation got its outcome meanwhile. The
 * round stops before sending anything more; the holder's round goes on.
 */
class LeaseLostException extends RuntimeException {

    LeaseLostException(UUID operationId) {
        super("Lease on operation " + operationId + " lost to another client-app instance");
    }
}
