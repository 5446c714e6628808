package dev.exactlyonce.gateway.keys;

import java.util.List;

import dev.exactlyonce.gateway.routing.ApiFilter;
import dev.exactlyonce.gateway.system.Problems;
import dev.exactlyonce.idempotency.IdempotencyHeaders;
import dev.exactlyonce.idempotency.IdempotencyKey;
import dev.exactlyonce.idempotency.InvalidIdempotencyKeyException;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Refuses a creating POST (opening an account, moving money) that has no usable Idempotency-Key, before
 * it reaches bank-service. Such a request could never be retried safely, so it is better refused than run
 * once with no way to know whether it ran. A key's form is {@link IdempotencyKey}'s rule, the one
 * bank-service applies.
 */
@Component
@Order(ApiFilter.IDEMPOTENCY_KEY)
class KeyEnforcement implements ApiFilter {

    private final KeyedEndpoints endpoints;

    KeyEnforcement(KeyedEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public ServerResponse filter(ServerRequest request, HandlerFunction<ServerResponse> next) throws Exception {
        if (!endpoints.isKeyed(request)) {
            return next.handle(request);
        }
        List<String> keys = request.headers().header(IdempotencyHeaders.KEY);
        if (keys.isEmpty()) {
            return Problems.response(Problems.of(HttpStatus.BAD_REQUEST, "idempotency-key-missing",
                    "Idempotency-Key required",
                    "This request needs an Idempotency-Key header, the same on every retry of one operation"));
        }
        String problem = keys.size() > 1 ? "The request carries " + keys.size() + " Idempotency-Key headers; send exactly one"
                : formProblem(keys.get(0));
        if (problem != null) {
            return Problems.response(
                    Problems.of(HttpStatus.BAD_REQUEST, "idempotency-key-invalid", "Invalid Idempotency-Key", problem));
        }
        return next.handle(request);
    }

    /** What is wrong with the key's form, or {@code null} when nothing is. */
    static String formProblem(String key) {
        try {
            new IdempotencyKey(key);
            return null;
        } catch (InvalidIdempotencyKeyException malformed) {
            return malformed.getMessage();
        }
    }
}
