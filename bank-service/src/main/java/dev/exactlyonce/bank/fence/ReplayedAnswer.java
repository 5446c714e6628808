package dev.exactlyonce.bank.fence;

import dev.exactlyonce.idempotency.IdempotencyHeaders;

import org.springframework.http.ResponseEntity;

/**
 * How an answer says that it replays what an earlier request with the same key recorded, success or stored
 * refusal: with {@code Idempotent-Replayed: true}, as the Idempotency-Key filter marks its own replays.
 */
public final class ReplayedAnswer {

    private ReplayedAnswer() {
    }

    /** {@code answer}, marked when it {@code replayed} a fenced outcome. */
    public static <B extends ResponseEntity.HeadersBuilder<B>> B mark(B answer, boolean replayed) {
        return replayed ? answer.header(IdempotencyHeaders.REPLAYED, "true") : answer;
    }
}
