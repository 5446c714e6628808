package dev.exactlyonce.idempotency.web;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Requests with one of some HTTP methods on paths that match one pattern.
 *
 * @param methods upper-case method names; empty for every method
 * @param pattern a path pattern within the application, in {@code @RequestMapping} syntax
 */
public record EndpointRule(Set<String> methods, PathPattern pattern) {

    public EndpointRule {
        methods = Set.copyOf(methods);
    }

    /**
     * @param methods HTTP method names in any case; empty for every method
     * @param pattern for example {@code /api/v1/accounts/{id}/debits} or {@code /api/v1/transfers/**}
     * @throws IllegalArgumentException naming the pattern when it cannot be parsed
     */
    public static EndpointRule of(Collection<String> methods, String pattern) {
        PathPattern parsed;
        try {
            parsed = PathPatternParser.defaultInstance.parse(pattern);
        } catch (RuntimeException ex) {
            throw new IllegalArgumentException("Invalid idempotent endpoint path pattern '" + pattern + "': "
                    + ex.getMessage(), ex);
        }
        return new EndpointRule(methods.stream().map(method -> method.trim().toUpperCase(Locale.ROOT))
                .collect(Collectors.toSet()), parsed);
    }

    boolean accepts(String method) {
        return methods.isEmpty() || methods.contains(method);
    }

    @Override
    public String toString() {
        return (methods.isEmpty() ? "*" : String.join("|", methods.stream().sorted().toList())) + " " + pattern;
    }
}
