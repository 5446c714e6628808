package dev.exactlyonce.json.servlet;

import java.io.IOException;

/**
 * A read from a {@link BoundedRequest}'s body went past its limit. An {@link IOException}, so it leaves
 * whatever was reading the body the way a broken connection would; the filter that set the limit turns it
 * into a 413.
 */
public final class RequestBodyTooLargeException extends IOException {

    private final long limit;

    RequestBodyTooLargeException(long limit) {
        super("The request body is over " + limit + " bytes");
        this.limit = limit;
    }

    /** The most bytes the body may have. */
    public long limit() {
        return limit;
    }
}
