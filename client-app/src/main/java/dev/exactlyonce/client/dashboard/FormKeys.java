package dev.exactlyonce.client.dashboard;

import java.util.UUID;

/**
 * Keys minted when a form is rendered. Money forms hand theirs to the journal, and the open-account form to
 * the bank, as the Idempotency-Key, so every submission of one rendered form carries the same key.
 */
public final class FormKeys {

    private FormKeys() {
    }

    /** A new key: random, visible ASCII, far below the protocol's 255-character limit. */
    public static String mint() {
        return UUID.randomUUID().toString();
    }
}
