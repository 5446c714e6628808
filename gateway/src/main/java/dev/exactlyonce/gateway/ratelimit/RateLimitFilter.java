package dev.exactlyonce.gateway.ratelimit;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.exactlyonce.gateway.routing.ApiFilter;
import dev.exactlyonce.gateway.system.Problems;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Takes a token from each bucket in turn, the address's first, and answers 429 with {@code Retry-After}
 * when one is empty. The address bucket comes first so that calls with ever new invented tokens stop there,
 * before each of them creates a client bucket in Redis.
 *
 * <p>When Redis cannot be asked, calls pass ({@code fail-open}, the default) or are refused with 503; either
 * way the first failure of an outage is logged once, and every such call is counted.
 */
@Order(ApiFilter.RATE_LIMIT)
class RateLimitFilter implements ApiFilter {

    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);

    private final List<TokenBucket> buckets;

    private final boolean failOpen;

    private final MeterRegistry meters;

    /** Looked up once: the allowed count is taken on every API call. */
    private final Counter allowed;

    private final Counter limited;

    private final Counter storeErrors;

    private final AtomicBoolean storeDown = new AtomicBoolean();

    /** @param buckets the buckets in the order they are taken from */
    RateLimitFilter(List<TokenBucket> buckets, boolean failOpen, MeterRegistry meters) {
        if (buckets.isEmpty()) {
            throw new IllegalArgumentException("A rate limit needs at least one bucket");
        }
        this.buckets = List.copyOf(buckets);
        this.failOpen = failOpen;
        this.meters = meters;
        this.allowed = meters.counter(RateLimitMeters.CALLS, "outcome", RateLimitMeters.ALLOWED);
        this.limited = meters.counter(RateLimitMeters.CALLS, "outcome", RateLimitMeters.LIMITED);
        this.storeErrors = meters.counter(RateLimitMeters.CALLS, "outcome", RateLimitMeters.STORE_ERROR);
    }

    @Override
    public ServerResponse filter(ServerRequest request, HandlerFunction<ServerResponse> next) throws Exception {
        return takeFrom(0, request, next);
    }

    /** Takes a token from the bucket at {@code index}, then from the ones after it, then calls on. */
    private ServerResponse takeFrom(int index, ServerRequest request, HandlerFunction<ServerResponse> next)
            throws Exception {
        if (index == buckets.size()) {
            storeAnswered();
            allowed.increment();
            return next.handle(request);
        }
        TokenBucket bucket = buckets.get(index);
        // The filter calls on only when the bucket had a token: what comes back after that, a failure or a
        // 429, is from further in (a later bucket, bank-service) and not this bucket's to judge.
        AtomicBoolean calledOn = new AtomicBoolean();
        ServerResponse response;
        try {
            response = bucket.limiter().filter(request, rest -> {
                calledOn.set(true);
                return takeFrom(index + 1, rest, next);
            });
        } catch (InterruptedException ex) {
            throw ex;
        } catch (Exception ex) {
            if (calledOn.get()) {
                throw ex;
            }
            return storeUnavailable(request, next, ex);
        }
        if (calledOn.get()) {
            return response;
        }
        storeAnswered();
        return refused(bucket, response);
    }

    private ServerResponse refused(TokenBucket bucket, ServerResponse response) {
        if (response.statusCode().value() != HttpStatus.TOO_MANY_REQUESTS.value()) {
            return response;
        }
        limited.increment();
        meters.counter(RateLimitMeters.REFUSALS, "bucket", bucket.name()).increment();
        long retryAfter = bucket.retryAfterSeconds();
        String who = "client".equals(bucket.name()) ? "This client has" : "Calls from this address have";
        ProblemDetail problem = Problems.of(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests",
                who + " used up their calls for now; try again in " + retryAfter + " s");
        return Problems.builder(problem).header(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfter)).body(problem);
    }

    /** Redis could not take the tokens: the buckets after this one are skipped too, they live there as well. */
    private ServerResponse storeUnavailable(ServerRequest request, HandlerFunction<ServerResponse> next, Exception ex)
            throws Exception {
        storeErrors.increment();
        if (storeDown.compareAndSet(false, true)) {
            log.warn("Rate limits cannot be counted, Redis is unavailable; calls {} until it answers again: {}",
                    failOpen ? "pass unlimited" : "are refused", ex.toString());
        }
        if (failOpen) {
            return next.handle(request);
        }
        ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "rate-limit-unavailable",
                "Rate limit unavailable", "Calls cannot be counted right now; try again shortly");
        return Problems.builder(problem).header(HttpHeaders.RETRY_AFTER, "1").body(problem);
    }

    private void storeAnswered() {
        if (storeDown.compareAndSet(true, false)) {
            log.info("Redis answers again; rate limits are counted again");
        }
    }
}
