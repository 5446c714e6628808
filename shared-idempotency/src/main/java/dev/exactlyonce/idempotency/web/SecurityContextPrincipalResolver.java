package dev.exactlyonce.idempotency.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * The name of Spring Security's current {@link Authentication}. Spring Security's anonymous
 * authentication counts as no principal: every anonymous caller would otherwise share one scope.
 */
public final class SecurityContextPrincipalResolver implements PrincipalResolver {

    private final SecurityContextHolderStrategy contexts;
    private final AuthenticationTrustResolver trust = new AuthenticationTrustResolverImpl();

    public SecurityContextPrincipalResolver() {
        this(SecurityContextHolder.getContextHolderStrategy());
    }

    public SecurityContextPrincipalResolver(SecurityContextHolderStrategy contexts) {
        this.contexts = contexts;
    }

    @Override
    public String principal(HttpServletRequest request) {
        Authentication authentication = contexts.getContext().getAuthentication();
        if (authentication == null || !trust.isAuthenticated(authentication)) {
            return null;
        }
        return authentication.getName();
    }
}
