package dev.exactlyonce.gateway.routing;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.exactlyonce.gateway.system.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.function.HandlerFilterFunction;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * What went wrong between the gateway and bank-service, and how the caller is told: 502 when the bank
 * could not be reached or broke off, 504 when it did not answer in time. Both say that the outcome of a
 * money movement is unknown, so the caller retries with the same Idempotency-Key.
 */
public final class UpstreamFailures implements HandlerFilterFunction<ServerResponse, ServerResponse> {

    private static final Logger log = LoggerFactory.getLogger(UpstreamFailures.class);

    private static final String UNKNOWN_OUTCOME = " If this request moves money, its outcome is unknown:"
            + " send it again with the same Idempotency-Key.";

    /**
     * Whether the call failed before a connection to the upstream existed, so that the upstream cannot
     * have seen any of the request.
     */
    public static boolean isConnectFailure(Throwable failure) {
        return hasCause(failure, cause -> cause instanceof ConnectException || cause instanceof NoRouteToHostException
                || cause instanceof UnknownHostException || cause instanceof HttpConnectTimeoutException);
    }

    static boolean isTimeout(Throwable failure) {
        return hasCause(failure, cause -> cause instanceof HttpTimeoutException || cause instanceof SocketTimeoutException);
    }

    /**
     * Whether the failure or anything that caused it matches. The whole chain is searched: how deep the
     * I/O exception sits depends on the client and on the filters in between (the load balancer's wraps
     * it once more).
     */
    private static boolean hasCause(Throwable failure, Predicate<Throwable> test) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (test.test(cause)) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    @Override
    public ServerResponse filter(ServerRequest request, HandlerFunction<ServerResponse> next) throws Exception {
        try {
            return next.handle(request);
        } catch (RuntimeException ex) {
            if (isConnectFailure(ex)) {
                log.warn("bank-service unreachable for {} {}: {}", request.method(), request.path(), ex.getMessage());
                return Problems.response(Problems.of(HttpStatus.BAD_GATEWAY, "upstream-unavailable",
                        "Upstream unavailable", "bank-service could not be reached." + UNKNOWN_OUTCOME));
            }
            if (isTimeout(ex)) {
                log.warn("bank-service did not answer {} {} in time: {}", request.method(), request.path(), ex.getMessage());
                return Problems.response(Problems.of(HttpStatus.GATEWAY_TIMEOUT, "upstream-timeout", "Upstream timeout",
                        "bank-service did not answer in time." + UNKNOWN_OUTCOME));
            }
            if (hasCause(ex, IOException.class::isInstance)) {
                log.warn("Call to bank-service failed for {} {}: {}", request.method(), request.path(), ex.getMessage());
                return Problems.response(Problems.of(HttpStatus.BAD_GATEWAY, "bad-gateway", "Bad gateway",
                        "The connection to bank-service broke off." + UNKNOWN_OUTCOME));
            }
            throw ex;
        }
    }
}
