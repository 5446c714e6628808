package dev.exactlyonce.client.security;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/**
 * A sign-in refused without checking its password: too many recent failures for this user name or from
 * this address. The same for a right and a wrong password, so the refusal says nothing about either.
 */
public class SignInThrottledException extends AuthenticationException {

    /**
     * Where a throttled form sign-in is forwarded, with this exception in the request attribute
     * {@code WebAttributes.AUTHENTICATION_EXCEPTION}: the sign-in page, drawn with the reason and status 429.
     */
    public static final String SIGN_IN_PAGE = "/login/throttled";

    private static final long serialVersionUID = 1L;

    private final transient Duration retryAfter;

    SignInThrottledException(Duration retryAfter) {
        super("Too many failed sign-ins for this name or from this address; try again in "
                + retryAfterSeconds(retryAfter) + " s");
        this.retryAfter = retryAfter;
    }

    /** How long until this name and address may try again. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** The {@code Retry-After} value: whole seconds, rounded up, at least 1. */
    public long retryAfterSeconds() {
        return retryAfterSeconds(retryAfter);
    }

    private static long retryAfterSeconds(Duration wait) {
        long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
        return Math.max(seconds, 1);
    }
}
