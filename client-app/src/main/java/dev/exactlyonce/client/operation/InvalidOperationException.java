package dev.exactlyonce.client.operation;

/** A command client-app will not journal: a missing field, a non-positive amount, a malformed key. */
public class InvalidOperationException extends RuntimeException {

    InvalidOperationException(String message) {
        super(message);
    }
}
