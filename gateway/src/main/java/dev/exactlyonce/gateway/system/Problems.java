package dev.exactlyonce.gateway.system;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.http.HttpServletResponse;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.cloud.gateway.server.mvc.handler.GatewayServerResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * RFC 9457 problem details with a stable {@code type} per kind of problem, the same type URIs that
 * bank-service uses, so a client reads a refusal the same way whichever layer made it.
 */
@Component
public class Problems {

    private static final String TYPE_BASE = "https://exactly-once.dev/problems/";

    private final JsonMapper json;

    Problems(JsonMapper json) {
        this.json = json;
    }

    /** A problem of the given kind; {@code title} is fixed per kind, {@code detail} is about this request. */
    public static ProblemDetail of(HttpStatus status, String kind, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + kind));
        problem.setTitle(title);
        return problem;
    }

    /**
     * The problem as a functional-endpoint response, for gateway filters. Built as the gateway builds the
     * replies it proxies, with headers that filters further out may still add to (Spring Cloud Gateway's
     * RateLimiter filter adds its remaining tokens to every reply it passes on); a plain
     * {@code ServerResponse}'s headers are read-only once built.
     */
    public static ServerResponse.BodyBuilder builder(ProblemDetail problem) {
        return GatewayServerResponse.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    /** The problem as a functional-endpoint response, for gateway filters. */
    public static ServerResponse response(ProblemDetail problem) {
        return builder(problem).body(problem);
    }

    /** Writes the problem from a servlet filter, which runs before Spring MVC's message converters. */
    void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
