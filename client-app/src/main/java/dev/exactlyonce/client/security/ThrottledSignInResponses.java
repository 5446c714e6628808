package dev.exactlyonce.client.security;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;

/**
 * How a throttled sign-in is answered: 429 with {@code Retry-After} either way; a problem document for
 * HTTP Basic (the API), the sign-in page with the reason for the form. Every other failure is answered as
 * before (401 with a Basic challenge, or back to the sign-in page with an error).
 */
final class ThrottledSignInResponses {

    static final String PROBLEM_TYPE = "https://exactly-once.dev/problems/client/sign-in-throttled";

    private ThrottledSignInResponses() {
    }

    /** For HTTP Basic: 429 problem when throttled, otherwise {@code challenge}. */
    static AuthenticationEntryPoint basic(AuthenticationEntryPoint challenge, JsonMapper json) {
        return (request, response, failure) -> {
            if (failure instanceof SignInThrottledException throttled) {
                writeProblem(response, throttled, json);
            } else {
                challenge.commence(request, response, failure);
            }
        };
    }

    /** For the form: the sign-in page with status 429 when throttled, otherwise back to it with an error. */
    static AuthenticationFailureHandler form(String failureUrl) {
        AuthenticationFailureHandler otherwise = new SimpleUrlAuthenticationFailureHandler(failureUrl);
        return new AuthenticationFailureHandler() {
            @Override
            public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                    AuthenticationException failure) throws IOException, ServletException {
                if (failure instanceof SignInThrottledException throttled) {
                    response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
                    response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(throttled.retryAfterSeconds()));
                    request.setAttribute(WebAttributes.AUTHENTICATION_EXCEPTION, throttled);
                    request.getRequestDispatcher(SignInThrottledException.SIGN_IN_PAGE).forward(request, response);
                } else {
                    otherwise.onAuthenticationFailure(request, response, failure);
                }
            }
        };
    }

    private static void writeProblem(HttpServletResponse response, SignInThrottledException throttled, JsonMapper json)
            throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", PROBLEM_TYPE);
        problem.put("title", "Too many failed sign-ins");
        problem.put("status", HttpStatus.TOO_MANY_REQUESTS.value());
        problem.put("detail", "Too many failed sign-ins for this user name or from this address. The password was "
                + "not checked; try again in " + throttled.retryAfterSeconds() + " seconds.");
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(throttled.retryAfterSeconds()));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(problem));
    }
}
