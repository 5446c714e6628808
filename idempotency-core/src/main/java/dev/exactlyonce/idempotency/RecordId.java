package dev.exactlyonce.idempotency;

import java.util.Objects;

/**
 * Which record a request belongs to: its key within the scope of the client that sent it. The same
 * key from two clients names two records, so neither can ever see the other's response.
 *
 * @param scope the authenticated principal's name, or {@link #ANONYMOUS_SCOPE}
 * @param key the client's Idempotency-Key
 */
public record RecordId(String scope, IdempotencyKey key) {

    /** The scope of requests without a principal, where the application allows them. */
    public static final String ANONYMOUS_SCOPE = "";

    public RecordId {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(key, "key");
    }

    @Override
    public String toString() {
        return (scope.isEmpty() ? "<anonymous>" : scope) + "/" + key.value();
    }
}
