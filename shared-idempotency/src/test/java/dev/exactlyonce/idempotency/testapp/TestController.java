package dev.exactlyonce.idempotency.testapp;

import java.net.URI;
import java.util.concurrent.Callable;

import jakarta.servlet.http.HttpServletRequest;

import dev.exactlyonce.idempotency.web.Idempotent;
import dev.exactlyonce.idempotency.web.IdempotencyFilter;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Handlers that report how often they ran; which of them need a key is configured in application.yml. */
@RestController
class TestController {

    private final HandlerCalls calls;

    TestController(HandlerCalls calls) {
        this.calls = calls;
    }

    /** Configured by path. Answers 201 with a Location, a cookie and a header that must not be replayed. */
    @PostMapping("/orders")
    ResponseEntity<String> order(@RequestBody(required = false) String body, HttpServletRequest request,
            @RequestHeader(name = "X-Delay-Millis", defaultValue = "0") long delay) throws InterruptedException {
        int run = calls.increment("orders");
        Thread.sleep(delay);
        String key = (String) request.getAttribute(IdempotencyFilter.KEY_ATTRIBUTE);
        String scope = (String) request.getAttribute(IdempotencyFilter.SCOPE_ATTRIBUTE);
        Object acknowledged = request.getAttribute(IdempotencyFilter.ACKNOWLEDGED_ATTRIBUTE);
        return ResponseEntity.created(URI.create("/orders/" + run))
                .header(HttpHeaders.SET_COOKIE, "session=s" + run)
                .header("X-Trace", "t" + run)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"run\":" + run + ",\"key\":\"" + key + "\",\"scope\":\"" + scope + "\",\"acknowledged\":"
                        + acknowledged + ",\"nanos\":" + System.nanoTime() + ",\"echo\":" + (body == null ? "null" : body) + "}");
    }

    /** Chosen by annotation, not configuration. */
    @Idempotent
    @PostMapping("/annotated")
    String annotated() {
        return "annotated-" + calls.increment("annotated") + "-" + System.nanoTime();
    }

    @PostMapping("/slow")
    String slow() throws InterruptedException {
        int run = calls.increment("slow");
        calls.holdSlow();
        return "slow-" + run;
    }

    @PostMapping("/fail")
    ResponseEntity<String> fail() {
        calls.increment("fail");
        return ResponseEntity.status(503).body("try again");
    }

    @PostMapping("/throw")
    String explode() {
        calls.increment("throw");
        throw new IllegalStateException("handler failed");
    }

    @PostMapping("/big")
    String big() {
        int run = calls.increment("big");
        return ("big-" + run + "-").repeat(1000);
    }

    @PostMapping("/async")
    Callable<String> async() {
        return () -> "async-" + calls.increment("async") + "-" + System.nanoTime();
    }

    @PostMapping("/anonymous/orders")
    String anonymous() {
        return "anonymous-" + calls.increment("anonymous");
    }

    /**
     * Answers the status its body names ({@code {"status":400}}), as a handler that validates, authorizes
     * or looks up before it acts would, or as a business outcome (409, 422) after it acted.
     */
    @PostMapping("/answer")
    ResponseEntity<String> answer(@RequestBody String body) {
        int run = calls.increment("answer");
        int status = Integer.parseInt(body.replaceAll("\\D", ""));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body("{\"run\":" + run + ",\"status\":" + status + "}");
    }

    @PostMapping("/plain")
    String plain() {
        return "plain-" + calls.increment("plain");
    }
}
