package dev.exactlyonce.idempotency.web;

import java.security.Principal;

import jakarta.servlet.http.HttpServletRequest;

/** The container's authenticated user ({@link HttpServletRequest#getUserPrincipal()}). */
public final class ServletPrincipalResolver implements PrincipalResolver {

    @Override
    public String principal(HttpServletRequest request) {
        Principal principal = request.getUserPrincipal();
        return principal == null ? null : principal.getName();
    }
}
