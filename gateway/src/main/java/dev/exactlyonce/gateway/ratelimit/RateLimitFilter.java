package dev.exactlyonce.gateway.ratelimit;

import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.exactlyonce.gateway.routing.ApiFilter;
import dev.exactlyonce.gateway.system.Problems;

import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/** Answers 429 with {@code Retry-After} once a client has used up its calls for the window. */
@Order(ApiFilter.RATE_LIMIT)
class RateLimitFilter implements ApiFilter {

    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);

    private static final long STORE_ERROR_LOG_INTERVAL_MS = 10_000;

    private final RedisRateLimiter limiter;

    private final boolean failOpen;

    private final MeterRegistry meters;

    private final AtomicLong lastStoreErrorLog = new AtomicLong();

    RateLimitFilter(RedisRateLimiter limiter, boolean failOpen, MeterRegistry meters) {
        this.limiter = limiter;
        this.failOpen = failOpen;
        this.meters = meters;
    }

    @Override
    public ServerResponse filter(ServerRequest request, HandlerFunction<ServerResponse> next) throws Exception {
        RedisRateLimiter.Decision decision;
        try {
            decision = limiter.acquire(ClientIdentity.of(request));
        } catch (DataAccessException ex) {
            return storeUnavailable(request, next, ex);
        }
        if (decision.allowed()) {
            meters.counter("gateway.ratelimit.calls", "outcome", "allowed").increment();
            return next.handle(request);
        }
        meters.counter("gateway.ratelimit.calls", "outcome", "limited").increment();
        long retryAfter = decision.retryAfterSeconds();
        ProblemDetail problem = Problems.of(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests",
                "This client has used up its calls for now; try again in " + retryAfter + " s");
        return Problems.builder(problem).header(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfter)).body(problem);
    }

    private ServerResponse storeUnavailable(ServerRequest request, HandlerFunction<ServerResponse> next,
            DataAccessException ex) throws Exception {
        meters.counter("gateway.ratelimit.calls", "outcome", "store-error").increment();
        long now = System.currentTimeMillis();
        long last = lastStoreErrorLog.get();
        if (now - last > STORE_ERROR_LOG_INTERVAL_MS && lastStoreErrorLog.compareAndSet(last, now)) {
            log.warn("Rate limits cannot be counted, Redis is unavailable; calls {}: {}",
                    failOpen ? "pass unlimited" : "are refused", ex.getMessage());
        }
        if (failOpen) {
            return next.handle(request);
        }
        ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "rate-limit-unavailable",
                "Rate limit unavailable", "Calls cannot be counted right now; try again shortly");
        return Problems.builder(problem).header(HttpHeaders.RETRY_AFTER, "1").body(problem);
    }
}
