package dev.exactlyonce.json.servlet;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Refuses request bodies over a limit with 413. A declared length over it is refused before anything is
 * read. A body of unknown length (chunked) is either held in memory as it is read, up to the limit, or
 * left where it is and read through a counter by whoever reads it later; the read that passes the limit
 * ends the request with 413. Counting holds nothing in memory and reads nothing on its own, so nothing
 * is read before the caller is authenticated; holding is for a caller that needs the body again (a
 * gateway that resends it on a retry).
 *
 * <p>The service writes the refusal itself ({@link Refusal}), as the problem its clients know.
 */
public final class BodyLimitFilter extends HttpFilter {

    /** Writes a 413 refusal. */
    @FunctionalInterface
    public interface Refusal {

        /**
         * @param detail why the body was refused, naming the limit, for the problem's {@code detail}
         */
        void write(HttpServletResponse response, String detail) throws IOException;
    }

    private final long limit;

    private final boolean holdsBody;

    private final transient Refusal refusal;

    private BodyLimitFilter(long limit, boolean holdsBody, Refusal refusal) {
        if (limit < 1 || limit > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("A body limit is between 1 and " + (Integer.MAX_VALUE - 8)
                    + " bytes, not " + limit);
        }
        this.limit = limit;
        this.holdsBody = holdsBody;
        this.refusal = refusal;
    }

    /** Reads every body into memory, up to {@code limit} bytes, and hands on a {@link BoundedRequest} that serves it. */
    public static BodyLimitFilter holding(long limit, Refusal refusal) {
        return new BodyLimitFilter(limit, true, refusal);
    }

    /** Reads nothing itself: a chunked body is counted as it is read, by {@link BoundedRequest#limited}. */
    public static BodyLimitFilter counting(long limit, Refusal refusal) {
        return new BodyLimitFilter(limit, false, refusal);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            refusal.write(response, "The request body is " + declared + " bytes; at most " + limit + " are accepted");
            return;
        }
        boolean chunked = declared < 0 && request.getHeader("Transfer-Encoding") != null;
        if (holdsBody && (declared > 0 || chunked)) {
            BoundedRequest held = BoundedRequest.read(request, limit);
            if (held == null) {
                refusal.write(response, "The request body is over " + limit + " bytes");
            } else {
                chain.doFilter(held, response);
            }
        } else if (chunked) {
            countWhileRead(request, response, chain);
        } else {
            // No body, or one that the container ends at its declared length.
            chain.doFilter(request, response);
        }
    }

    private void countWhileRead(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            chain.doFilter(BoundedRequest.limited(request, limit), response);
        } catch (IOException | ServletException ex) {
            RequestBodyTooLargeException tooLarge = tooLarge(ex);
            if (tooLarge == null || response.isCommitted()) {
                throw ex;
            }
            response.resetBuffer();
            refusal.write(response, tooLarge.getMessage());
        }
    }

    /** The overflow behind {@code failure}, however deep a reader wrapped it, or {@code null}. */
    private static RequestBodyTooLargeException tooLarge(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodyTooLargeException tooLarge) {
                return tooLarge;
            }
        }
        return null;
    }
}
