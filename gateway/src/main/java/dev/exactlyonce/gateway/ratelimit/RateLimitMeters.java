package dev.exactlyonce.gateway.ratelimit;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * The rate limit's counters, registered at start-up whether the limit is on or off: a dashboard then reads
 * zero 429s where there were none, instead of no data until the first refusal.
 */
@Component
class RateLimitMeters {

    /** Calls the limit saw, by {@code outcome}: {@code allowed}, {@code limited}, {@code store-error}. */
    static final String CALLS = "gateway.ratelimit.calls";

    /** Calls answered 429, by the {@code bucket} that was empty. */
    static final String REFUSALS = "gateway.ratelimit.refusals";

    static final String ALLOWED = "allowed";

    static final String LIMITED = "limited";

    static final String STORE_ERROR = "store-error";

    RateLimitMeters(MeterRegistry meters, RateLimitProperties properties) {
        for (String outcome : List.of(ALLOWED, LIMITED, STORE_ERROR)) {
            meters.counter(CALLS, "outcome", outcome);
        }
        for (RateLimitProperties.Bucket bucket : List.of(properties.getAddress(), properties.getClient())) {
            meters.counter(REFUSALS, "bucket", bucket.name());
        }
    }
}
