package dev.exactlyonce.client.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins per user name and per client address and says when an attempt must wait. The
 * state lives in this process's memory, bounded by {@code max-tracked} entries per kind: with several
 * client-app replicas each throttles on its own, so a guesser spread over {@code n} replicas gets at most
 * {@code n} times the limits.
 *
 * <p>An attempt refused here is neither checked nor counted: the back-off runs out on its own however
 * often it is knocked on, and the next failure after it doubles the next back-off.
 */
@Component
class SignInThrottle {

    /** Longer names are counted under their first this-many characters: an absurd name cannot fill memory. */
    private static final int MAX_KEY_LENGTH = 128;

    private final SignInThrottleProperties properties;

    private final Clock clock;

    private final Failures users;

    private final Failures addresses;

    SignInThrottle(SignInThrottleProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.users = new Failures(properties.userFailures());
        this.addresses = new Failures(properties.addressFailures());
    }

    /**
     * How long an attempt for {@code user} from {@code address} must still wait; zero when it may be checked.
     *
     * @param address {@code null} when unknown: only the name is then looked at
     */
    Duration waitBeforeAttempt(String user, String address) {
        if (!properties.enabled()) {
            return Duration.ZERO;
        }
        Instant now = clock.instant();
        Duration forUser = users.wait(userKey(user), now);
        Duration forAddress = address == null ? Duration.ZERO : addresses.wait(addressKey(address), now);
        return forUser.compareTo(forAddress) >= 0 ? forUser : forAddress;
    }

    /** Records a wrong password (or an unknown name) for {@code user} from {@code address}. */
    void failed(String user, String address) {
        if (!properties.enabled()) {
            return;
        }
        Instant now = clock.instant();
        users.fail(userKey(user), now);
        if (address != null) {
            addresses.fail(addressKey(address), now);
        }
    }

    /** Forgets {@code user}'s failures: the real user got in. The address keeps its count. */
    void succeeded(String user) {
        users.forget(userKey(user));
    }

    /** Names as the user store compares them: it ignores case, so "Alice" and "alice" share one count. */
    private static String userKey(String user) {
        String name = user == null ? "" : user.toLowerCase(Locale.ROOT);
        return name.length() > MAX_KEY_LENGTH ? name.substring(0, MAX_KEY_LENGTH) : name;
    }

    private static String addressKey(String address) {
        return address.length() > MAX_KEY_LENGTH ? address.substring(0, MAX_KEY_LENGTH) : address;
    }

    private Duration backOff(int failuresOverLimit) {
        Duration wait = properties.initialBackOff().multipliedBy(1L << Math.min(failuresOverLimit, 30));
        return wait.compareTo(properties.maxBackOff()) > 0 ? properties.maxBackOff() : wait;
    }

    /** One counter per key, oldest failure first, so the longest-quiet entries are the first to go. */
    private final class Failures {

        private final int limit;

        private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();

        Failures(int limit) {
            this.limit = limit;
        }

        synchronized Duration wait(String key, Instant now) {
            Entry entry = entries.get(key);
            if (entry == null || entry.blockedUntil == null || !now.isBefore(entry.blockedUntil)) {
                return Duration.ZERO;
            }
            return Duration.between(now, entry.blockedUntil);
        }

        synchronized void fail(String key, Instant now) {
            Entry entry = entries.remove(key);
            if (entry == null || entry.expired(now)) {
                entry = new Entry();
            }
            entry.failures++;
            entry.lastFailure = now;
            if (entry.failures >= limit) {
                entry.blockedUntil = now.plus(backOff(entry.failures - limit));
            }
            // Re-inserted, so the map stays ordered by last failure.
            entries.put(key, entry);
            evict(now);
        }

        synchronized void forget(String key) {
            entries.remove(key);
        }

        private void evict(Instant now) {
            Iterator<Map.Entry<String, Entry>> eldest = entries.entrySet().iterator();
            while (eldest.hasNext()) {
                Map.Entry<String, Entry> next = eldest.next();
                if (!next.getValue().expired(now) && entries.size() <= properties.maxTracked()) {
                    return;
                }
                eldest.remove();
            }
        }
    }

    private final class Entry {

        private int failures;

        private Instant lastFailure;

        private Instant blockedUntil;

        /**
         * Quiet for a whole window after the last failure or, when a back-off ran, after it ended: a guesser
         * who comes back as each back-off ends keeps the count that doubles it.
         */
        boolean expired(Instant now) {
            Instant quietSince = blockedUntil != null && blockedUntil.isAfter(lastFailure) ? blockedUntil : lastFailure;
            return !now.isBefore(quietSince.plus(properties.window()));
        }
    }
}
