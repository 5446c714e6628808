package dev.exactlyonce.gateway.keys;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Which calls bank-service de-duplicates by Idempotency-Key. */
@ConfigurationProperties("gateway.idempotency")
public class IdempotencyKeyProperties {

    /**
     * Path patterns of the POST endpoints that de-duplicate by Idempotency-Key: bank-service's handlers
     * marked {@code @Idempotent} (opening an account and the money-moving ones). A POST to one of them must
     * carry a valid key, and only there does a key make a POST safe to retry. Exact patterns: the GETs of
     * {@code /api/v1/accounts} need no key.
     */
    private List<String> keyedPaths = List.of(
            "/api/v1/accounts",
            "/api/v1/accounts/{accountId}/credits",
            "/api/v1/accounts/{accountId}/debits",
            "/api/v1/transfers");

    public List<String> getKeyedPaths() {
        return keyedPaths;
    }

    public void setKeyedPaths(List<String> keyedPaths) {
        this.keyedPaths = keyedPaths;
    }
}
