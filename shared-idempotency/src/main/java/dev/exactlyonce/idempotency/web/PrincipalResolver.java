package dev.exactlyonce.idempotency.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Names the client a request comes from; keys are scoped to it, so the same key from two clients names
 * two records. Define a bean of this type to scope keys by something other than the authenticated
 * principal (for example a tenant id the gateway has verified).
 */
@FunctionalInterface
public interface PrincipalResolver {

    /**
     * @return the client's stable name, or {@code null} when the request is anonymous
     */
    String principal(HttpServletRequest request);
}
