package dev.exactlyonce.client.bank;

/**
 * The bank already used this {@code Idempotency-Key} for a different request (an account in another
 * currency, say): nothing was opened, and only a new key can open another account.
 */
public class AccountKeyReusedException extends RuntimeException {

    AccountKeyReusedException(String key, String reason, Throwable cause) {
        super("Idempotency-Key '" + key + "' was already used for a different request: " + reason, cause);
    }
}
