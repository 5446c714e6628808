package dev.exactlyonce.chaos.history;

/** The way an operation reached the bank. */
public enum Channel {
    /** Opening balances, sent by the harness before any fault. */
    SETUP,
    /** Straight to the gateway by one of the harness's own retrying clients. */
    GATEWAY,
    /** Through client-app's API, so its journal, retries and resumer carry it. */
    CLIENT_APP
}
