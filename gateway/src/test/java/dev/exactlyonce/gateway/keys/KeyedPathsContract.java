package dev.exactlyonce.gateway.keys;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.exactlyonce.bank.contract.BankApiContract;
import dev.exactlyonce.idempotency.IdempotencyHeaders;

import org.springframework.http.server.PathContainer;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The gateway's keyed paths against bank-service's OpenAPI document, both ways. The gateway enforces the
 * Idempotency-Key and retries a POST only on the paths it holds keyed, so:
 * <ul>
 * <li>every operation the document says requires the key must be keyed at the gateway (else a call without a
 * key gets past the edge, and a keyed one is never retried);
 * <li>no POST the document does <em>not</em> key may be keyed at the gateway (bank-service would not
 * de-duplicate it, so a retry could run it twice);
 * <li>every configured pattern must name some operation that requires the key (a stale entry).
 * </ul>
 * Asked through {@link KeyedEndpoints} itself, with a concrete path for each document path template.
 */
final class KeyedPathsContract {

    private KeyedPathsContract() {
    }

    static List<String> violations(BankApiContract contract, IdempotencyKeyProperties properties) {
        KeyedEndpoints gateway = new KeyedEndpoints(properties);
        List<String> found = new ArrayList<>();
        List<String> keyedSamples = new ArrayList<>();
        for (BankApiContract.Operation operation : contract.operations()) {
            boolean documented = operation.requiresHeader(IdempotencyHeaders.KEY);
            String sample = sample(operation.path());
            boolean enforced = gateway.isKeyed(ServerRequest.create(new MockHttpServletRequest(operation.method(), sample), List.of()));
            if (documented) {
                keyedSamples.add(sample);
            }
            if (documented && !enforced) {
                found.add(operation + " requires Idempotency-Key, but the gateway does not hold it keyed");
            } else if (enforced && !documented) {
                found.add(operation + " is keyed at the gateway, but bank-service does not require Idempotency-Key there "
                        + "(it would not de-duplicate a retry)");
            }
        }
        for (String pattern : properties.getKeyedPaths()) {
            var parsed = PathPatternParser.defaultInstance.parse(pattern);
            if (keyedSamples.stream().noneMatch(sample -> parsed.matches(PathContainer.parsePath(sample)))) {
                found.add("gateway.idempotency.keyed-paths '" + pattern + "' names no operation that requires Idempotency-Key");
            }
        }
        return found;
    }

    /** A concrete path for a template: every variable filled with one UUID, which each of bank-service's variables is. */
    private static String sample(String template) {
        return template.replaceAll("\\{[^}/]*}", UUID.nameUUIDFromBytes(template.getBytes()).toString());
    }
}
