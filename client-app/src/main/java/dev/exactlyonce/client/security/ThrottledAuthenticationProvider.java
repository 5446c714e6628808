package dev.exactlyonce.client.security;

import java.time.Duration;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Puts {@link SignInThrottle} in front of the password check, for every way of signing in (the form and
 * HTTP Basic both end here): a throttled attempt is refused before the password is looked at, a wrong one
 * is counted, a right one clears the user's count.
 */
final class ThrottledAuthenticationProvider implements AuthenticationProvider {

    private final AuthenticationProvider delegate;

    private final SignInThrottle throttle;

    ThrottledAuthenticationProvider(AuthenticationProvider delegate, SignInThrottle throttle) {
        this.delegate = delegate;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication attempt) throws AuthenticationException {
        String user = attempt.getName();
        String address = attempt.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress()
                : null;
        Duration wait = throttle.waitBeforeAttempt(user, address);
        if (!wait.isZero()) {
            throw new SignInThrottledException(wait);
        }
        Authentication authenticated;
        try {
            authenticated = delegate.authenticate(attempt);
        } catch (BadCredentialsException ex) {
            // An unknown name is reported the same way (the user store hides which), and counted the same.
            throttle.failed(user, address);
            throw ex;
        }
        if (authenticated != null) {
            throttle.succeeded(user);
        }
        return authenticated;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return delegate.supports(authentication);
    }
}
