package dev.exactlyonce.client.security;

/** A user name with no configured bank token. */
public class UnknownUserException extends RuntimeException {

    UnknownUserException(String user) {
        super("No bank token is configured for user '" + user + "'");
    }
}
