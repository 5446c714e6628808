package dev.exactlyonce.gateway.scenario;

import java.io.IOException;

/**
 * What the client saw of one attempt: a reply, or none.
 *
 * @param status the HTTP status, or 0 when the reply was lost
 * @param replayed whether the reply carried {@code Idempotent-Replayed: true}
 * @param failure why no reply came, or {@code null}
 */
public record Outcome(int status, boolean replayed, String failure) {

    static Outcome of(GatewayClient.Reply reply) {
        return new Outcome(reply.status(), reply.isReplay(), null);
    }

    static Outcome lost(IOException failure) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return new Outcome(0, false, message);
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
        return status + (replayed ? " Idempotent-Replayed" : "");
    }
}
