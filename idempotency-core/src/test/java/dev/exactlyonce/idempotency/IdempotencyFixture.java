package dev.exactlyonce.idempotency;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Keys, requests and responses for tests of the processor, on any store. */
public final class IdempotencyFixture {

    private IdempotencyFixture() {
    }

    /** A key no test has used, for client {@code alice}. */
    public static RecordId newId() {
        return new RecordId("alice", new IdempotencyKey(UUID.randomUUID().toString()));
    }

    public static RequestFingerprint debit(long amount) {
        return RequestFingerprint.of("POST", "/api/v1/accounts/7/debits",
                ("{\"amount\":" + amount + "}").getBytes(StandardCharsets.UTF_8));
    }

    public static StoredResponse created(String body) {
        return new StoredResponse(201, List.of(new StoredResponse.Header("Content-Type", "application/json")),
                body.getBytes(StandardCharsets.UTF_8));
    }

    /** The execution {@code decision} hands over, failing the test if the processor decided otherwise. */
    public static Execution execute(Decision decision) {
        assertThat(decision).isInstanceOf(Decision.Execute.class);
        return ((Decision.Execute) decision).execution();
    }
}
