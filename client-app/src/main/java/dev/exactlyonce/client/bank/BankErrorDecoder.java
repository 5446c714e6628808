package dev.exactlyonce.client.bank;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.UUID;

import dev.exactlyonce.idempotency.IdempotencyHeaders;
import feign.Response;
import feign.codec.ErrorDecoder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Turns every non-2xx reply into a {@link BankHttpException} carrying the problem, Retry-After and replay flag. */
final class BankErrorDecoder implements ErrorDecoder {

    /** Problem documents are small; a larger body is not one we need to read whole. */
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final JsonMapper json;

    BankErrorDecoder(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Exception decode(String methodKey, Response response) {
        return new BankHttpException(response.status(), header(response, "Retry-After"),
                "true".equalsIgnoreCase(header(response, IdempotencyHeaders.REPLAYED)), problem(response));
    }

    private BankProblem problem(Response response) {
        if (response.body() == null) {
            return BankProblem.NONE;
        }
        try (InputStream body = response.body().asInputStream()) {
            byte[] bytes = body.readNBytes(MAX_BODY_BYTES);
            JsonNode node = json.readTree(bytes);
            if (node == null || !node.isObject()) {
                return BankProblem.NONE;
            }
            return new BankProblem(text(node, "type"), text(node, "title"), text(node, "detail"), uuid(node, "operationId"));
        } catch (IOException | JacksonException ex) {
            return BankProblem.NONE;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() ? value.asString() : null;
    }

    private static UUID uuid(JsonNode node, String field) {
        String value = text(node, field);
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException ex) {
            return null;
        }
    }

    private static String header(Response response, String name) {
        for (var entry : response.headers().entrySet()) {
            if (entry.getKey() != null && entry.getKey().equalsIgnoreCase(name)) {
                Collection<String> values = entry.getValue();
                return values.isEmpty() ? null : values.iterator().next();
            }
        }
        return null;
    }
}
