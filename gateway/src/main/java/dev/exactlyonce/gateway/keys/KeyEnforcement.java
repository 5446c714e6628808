package dev.exactlyonce.gateway.keys;

import java.util.List;

import dev.exactlyonce.gateway.routing.ApiFilter;
import dev.exactlyonce.gateway.system.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Refuses a creating POST (opening an account, moving money) that has no usable Idempotency-Key, before
 * it reaches bank-service. Such a
 * request could never be retried safely, so it is better refused than run once with no way to know
 * whether it ran. The rules for a key's form are bank-service's: 1 to 255 visible ASCII characters.
 */
@Component
class KeyEnforcement implements ApiFilter {

    static final int MAX_LENGTH = 255;

    private final KeyedEndpoints endpoints;

    KeyEnforcement(KeyedEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public int getOrder() {
        return IDEMPOTENCY_KEY;
    }

    @Override
    public ServerResponse filter(ServerRequest request, HandlerFunction<ServerResponse> next) throws Exception {
        if (!endpoints.isKeyed(request)) {
            return next.handle(request);
        }
        List<String> keys = request.headers().header(KeyedEndpoints.HEADER);
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
        if (key.isEmpty()) {
            return "The Idempotency-Key header is empty";
        }
        if (key.length() > MAX_LENGTH) {
            return "The Idempotency-Key is " + key.length() + " characters long; at most " + MAX_LENGTH + " are allowed";
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return "The Idempotency-Key may hold only visible ASCII characters; found U+%04X at position %d"
                        .formatted((int) c, i);
            }
        }
        return null;
    }
}
