package dev.exactlyonce.gateway.routing;

import org.springframework.web.servlet.function.HandlerFilterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * A step every {@code /api/**} call passes on its way to bank-service. Beans of this type are chained by
 * their {@code @Order}, lowest first (outermost), one of the orders below: they are kept here so that the
 * whole chain can be read in one place.
 */
public interface ApiFilter extends HandlerFilterFunction<ServerResponse, ServerResponse> {

    /** Cheapest refusal first: a client over its limit costs one Redis call and nothing else. */
    int RATE_LIMIT = 100;

    /** A money-moving POST without a valid key never goes further. */
    int IDEMPOTENCY_KEY = 200;

    /** Outside the retries, so that the reply dropped is the one the caller would have received. */
    int FAULTS = 300;

    /**
     * Innermost: each retry is one more call to bank-service. With several bank-service instances, only the
     * choice of instance runs further in, so each attempt chooses again.
     */
    int RETRY = 400;
}
