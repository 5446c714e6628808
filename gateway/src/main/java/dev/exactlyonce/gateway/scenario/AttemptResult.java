package dev.exactlyonce.gateway.scenario;

import java.io.IOException;

import dev.exactlyonce.idempotency.IdempotencyHeaders;

/**
 * What the client saw of one attempt: a reply, or none.
 *
 * @param status the HTTP status, or 0 when the reply was lost
 * @param replayed whether the reply carried {@code Idempotent-Replayed: true} ({@link IdempotencyHeaders#REPLAYED})
 * @param failure why no reply came, or {@code null}
 */
public record AttemptResult(int status, boolean replayed, String failure) {

    static AttemptResult of(GatewayClient.Reply reply) {
        return new AttemptResult(reply.status(), reply.isReplay(), null);
    }

    static AttemptResult lost(IOException failure) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return new AttemptResult(0, false, message);
    }

    public boolean replied() {
        return status != 0;
    }

    /** Whether the caller now knows how the operation ended, so that it stops retrying. */
    boolean settled() {
        return replied() && !(status == 409 || status == 429 || status >= 500);
    }

    String describe() {
        if (!replied()) {
            return "reply lost";
        }
        return status + (replayed ? " " + IdempotencyHeaders.REPLAYED : "");
    }
}
