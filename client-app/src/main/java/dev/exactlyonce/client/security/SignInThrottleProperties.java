package dev.exactlyonce.client.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits on failed sign-ins (form login and HTTP Basic alike). Failures are counted per user name and per
 * client address; once either count reaches its limit, attempts for that name or from that address are
 * refused with 429 for a back-off that doubles with each further failure, up to {@code maxBackOff}. While
 * refused, the password is not checked at all.
 *
 * @param enabled whether failed sign-ins are throttled
 * @param userFailures failures for one user name after which its attempts are refused for a while; a
 *        successful sign-in as that user forgets them
 * @param addressFailures failures from one client address (for any names) after which its attempts are
 *        refused for a while; a success does not forget them, so one valid account cannot clear the way for
 *        guessing at others
 * @param window how long failures are remembered: a name or address with no failure for this long after
 *        its last failure, or after its back-off ended, starts again from zero
 * @param initialBackOff the first refusal after a limit is reached; each failure after that doubles it
 * @param maxBackOff the longest refusal, so the real user is never locked out for longer than this
 * @param maxTracked how many user names, and how many addresses, are remembered at most; beyond it the
 *        longest-quiet entries are forgotten first, which keeps memory bounded under a spray of names
 */
@ConfigurationProperties("client.sign-in-throttle")
public record SignInThrottleProperties(@DefaultValue("true") boolean enabled, @DefaultValue("5") int userFailures,
        @DefaultValue("20") int addressFailures, @DefaultValue("15m") Duration window,
        @DefaultValue("30s") Duration initialBackOff, @DefaultValue("15m") Duration maxBackOff,
        @DefaultValue("10000") int maxTracked) {

    public SignInThrottleProperties {
        if (userFailures < 1) {
            throw new IllegalArgumentException("client.sign-in-throttle.user-failures must be at least 1, was "
                    + userFailures);
        }
        if (addressFailures < 1) {
            throw new IllegalArgumentException("client.sign-in-throttle.address-failures must be at least 1, was "
                    + addressFailures);
        }
        requirePositive("window", window);
        requirePositive("initial-back-off", initialBackOff);
        requirePositive("max-back-off", maxBackOff);
        if (maxBackOff.compareTo(initialBackOff) < 0) {
            throw new IllegalArgumentException("client.sign-in-throttle.max-back-off must not be shorter than "
                    + "initial-back-off (" + initialBackOff + "), was " + maxBackOff);
        }
        if (maxTracked < 1) {
            throw new IllegalArgumentException("client.sign-in-throttle.max-tracked must be at least 1, was "
                    + maxTracked);
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("client.sign-in-throttle." + name + " must be positive, was " + value);
        }
    }
}
