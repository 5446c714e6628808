package dev.exactlyonce.gateway.retry;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.exactlyonce.gateway.keys.KeyedEndpoints;
import dev.exactlyonce.gateway.routing.ApiFilter;
import dev.exactlyonce.gateway.routing.UpstreamFailures;

import org.springframework.cloud.gateway.server.mvc.common.MvcUtils;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Tries a call to bank-service again, with exponential backoff, when it could not connect or answered
 * 502, 503 or 504, and only when running the call twice cannot do harm:
 * <ul>
 * <li>an idempotent method (GET, HEAD, OPTIONS, PUT, DELETE, TRACE), or</li>
 * <li>a POST carrying an Idempotency-Key to an endpoint that de-duplicates by it, because a second run
 * there replays the first instead of moving money again.</li>
 * </ul>
 * Anything else is sent once: a POST without a key that timed out may have been applied, and only its
 * caller can decide what to do. Read timeouts and broken connections are never retried here, since the
 * upstream may have acted; the caller hears 502/504 and retries with its key.
 *
 * <p>A 503 or 429 with {@code Retry-After} is the upstream saying when to come back: the retry waits that
 * long if it is longer than the backoff, and a 429 is retried only when it says so. A {@code Retry-After}
 * beyond {@code gateway.retry.max-retry-after} is not waited for: holding the caller's connection that long
 * helps no one, so the upstream's answer, with its {@code Retry-After}, goes back to the caller at once.
 */
@Component
@Order(ApiFilter.RETRY)
class SafeRetry implements ApiFilter {

    private static final Logger log = LoggerFactory.getLogger(SafeRetry.class);

    static final Set<Integer> RETRIED_STATUSES = Set.of(502, 503, 504);

    /** The answers whose {@code Retry-After} is read; a 429 is retried only with one. */
    private static final Set<Integer> RETRY_AFTER_STATUSES = Set.of(429, 503);

    private static final String RETRIES = "gateway.upstream.retries";

    private static final String BEYOND_CAP = "gateway.upstream.retry-after-beyond-cap";

    private static final String CONNECT_FAILURE = "connect failure";

    private static final Set<HttpMethod> IDEMPOTENT_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD,
            HttpMethod.OPTIONS, HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.TRACE);

    private final KeyedEndpoints keyedEndpoints;

    private final ExponentialBackOff backOff;

    private final Duration maxRetryAfter;

    private final MeterRegistry meters;

    SafeRetry(KeyedEndpoints keyedEndpoints, RetryProperties properties, MeterRegistry meters) {
        this.keyedEndpoints = keyedEndpoints;
        this.backOff = backOff(properties);
        this.maxRetryAfter = properties.maxRetryAfter();
        this.meters = meters;
        // Every reason a retry can have, registered now so that a dashboard reads zero retries, not no data.
        meters.counter(RETRIES, "reason", CONNECT_FAILURE);
        RETRIED_STATUSES.forEach(status -> meters.counter(RETRIES, "reason", String.valueOf(status)));
        RETRY_AFTER_STATUSES.forEach(status -> meters.counter(RETRIES, "reason", String.valueOf(status)));
        meters.counter(BEYOND_CAP);
    }

    private static ExponentialBackOff backOff(RetryProperties properties) {
        ExponentialBackOff backOff = new ExponentialBackOff(properties.initialBackoff().toMillis(), properties.multiplier());
        backOff.setMaxInterval(properties.maxBackoff().toMillis());
        backOff.setJitter(Math.min(properties.jitter().toMillis(), properties.initialBackoff().toMillis()));
        backOff.setMaxAttempts(properties.maxAttempts() - 1L);
        return backOff;
    }

    /** Whether sending the request a second time cannot have an effect the first did not. */
    boolean isRetrySafe(ServerRequest request) {
        return IDEMPOTENT_METHODS.contains(request.method()) || keyedEndpoints.carriesKey(request);
    }

    @Override
    public ServerResponse filter(ServerRequest request, HandlerFunction<ServerResponse> next) throws Exception {
        if (!isRetrySafe(request)) {
            return next.handle(request);
        }
        BackOffExecution waits = backOff.start();
        for (int attempt = 1;; attempt++) {
            ServerResponse response;
            try {
                response = next.handle(request);
            } catch (RuntimeException ex) {
                if (!UpstreamFailures.isConnectFailure(ex)) {
                    throw ex;
                }
                long wait = waits.nextBackOff();
                if (wait == BackOffExecution.STOP) {
                    throw ex;
                }
                pause(request, attempt, CONNECT_FAILURE, wait);
                continue;
            }
            int status = response.statusCode().value();
            Optional<Duration> retryAfter = RETRY_AFTER_STATUSES.contains(status)
                    ? retryAfter(response.headers().getFirst(HttpHeaders.RETRY_AFTER), Instant.now())
                    : Optional.empty();
            if (!RETRIED_STATUSES.contains(status) && retryAfter.isEmpty()) {
                return response;
            }
            if (retryAfter.isPresent() && retryAfter.get().compareTo(maxRetryAfter) > 0) {
                meters.counter(BEYOND_CAP).increment();
                return response;
            }
            long wait = waits.nextBackOff();
            if (wait == BackOffExecution.STOP) {
                return response;
            }
            if (retryAfter.isPresent()) {
                wait = Math.max(wait, retryAfter.get().toMillis());
            }
            release(request);
            pause(request, attempt, String.valueOf(status), wait);
        }
    }

    /**
     * How long a {@code Retry-After} asks to wait: delta-seconds or an HTTP date (RFC 9110, 10.2.3); a date
     * already past is no wait. Empty when there is no header or it is neither.
     */
    static Optional<Duration> retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String trimmed = value.trim();
        if (trimmed.chars().allMatch(c -> c >= '0' && c <= '9')) {
            // More digits than a long holds is a wait beyond any cap: a day will do.
            return Optional.of(trimmed.length() > 9 ? Duration.ofDays(1) : Duration.ofSeconds(Long.parseLong(trimmed)));
        }
        try {
            Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException ex) {
            return Optional.empty();
        }
    }

    private void pause(ServerRequest request, int attempt, String reason, long waitMillis) throws InterruptedException {
        log.info("Attempt {} of {} {} failed ({}); retrying in {} ms", attempt, request.method(), request.path(), reason,
                waitMillis);
        meters.counter(RETRIES, "reason", reason).increment();
        Thread.sleep(waitMillis);
    }

    /** Gives the failed attempt's connection back before the next attempt takes one. */
    private static void release(ServerRequest request) {
        ClientHttpResponse upstream = MvcUtils.getAttribute(request, MvcUtils.CLIENT_RESPONSE_ATTR);
        if (upstream != null) {
            upstream.close();
            MvcUtils.putAttribute(request, MvcUtils.CLIENT_RESPONSE_ATTR, null);
        }
    }
}
