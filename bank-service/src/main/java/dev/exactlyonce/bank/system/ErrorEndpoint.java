package dev.exactlyonce.bank.system;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The container's error path ({@code /error}): where errors land that were sent with
 * {@code sendError} (Spring Security's firewall, Tomcat) rather than thrown into Spring MVC. It
 * answers with the same problems as everything else instead of Spring Boot's default error body, and
 * a plain request for {@code /error} finds nothing.
 */
@RestController
class ErrorEndpoint implements ErrorController {

    private final Failures failures;

    ErrorEndpoint(Failures failures) {
        this.failures = failures;
    }

    @RequestMapping(path = "${server.error.path:/error}", produces = { MediaType.APPLICATION_PROBLEM_JSON_VALUE, MediaType.ALL_VALUE })
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure) {
            return failures.answer(failure, request);
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value ? value : 404;
        ProblemDetail problem = Problems.forStatus(status, null);
        if (status >= 500) {
            problem.setProperty("requestId", RequestIdFilter.of(request));
        }
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
