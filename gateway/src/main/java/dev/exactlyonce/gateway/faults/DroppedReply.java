package dev.exactlyonce.gateway.faults;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.util.MultiValueMap;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * An upstream reply that is read to the end and thrown away, after which the caller's connection is cut
 * by {@link ConnectionAbortValve} before a byte of it is sent. Reading it to the end keeps the upstream
 * connection healthy and makes sure the upstream finished its work.
 */
final class DroppedReply implements ServerResponse {

    private final ServerResponse upstream;

    DroppedReply(ServerResponse upstream) {
        this.upstream = upstream;
    }

    @Override
    public HttpStatusCode statusCode() {
        return upstream.statusCode();
    }

    @Override
    public HttpHeaders headers() {
        return upstream.headers();
    }

    @Override
    public MultiValueMap<String, Cookie> cookies() {
        return upstream.cookies();
    }

    @Override
    public ModelAndView writeTo(HttpServletRequest request, HttpServletResponse response, Context context)
            throws ServletException, IOException {
        // The body is taken into memory, never copied to the real response, which so stays uncommitted until
        // the connection is cut; no flush reaches it either.
        upstream.writeTo(request, new ContentCachingResponseWrapper(response), context);
        request.setAttribute(ConnectionAbortValve.ABORT_ATTRIBUTE, Boolean.TRUE);
        return null;
    }
}
