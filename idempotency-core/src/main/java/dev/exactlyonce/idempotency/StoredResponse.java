package dev.exactlyonce.idempotency;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The snapshot of a completed response that is replayed for every later request with the same key:
 * its status, the headers that may be replayed, and the body bytes exactly as first sent.
 *
 * @param status the HTTP status code
 * @param headers the replayable headers in the order they were sent; a name may repeat
 * @param body the body bytes; empty when there was none
 */
public record StoredResponse(int status, List<Header> headers, byte[] body) {

    public StoredResponse {
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("An HTTP status has three digits; got " + status);
        }
        headers = List.copyOf(headers);
        body = body.clone();
    }

    /** The body bytes (a copy). */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The body's length without copying it. */
    public int bodyLength() {
        return body.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoredResponse that && status == that.status && headers.equals(that.headers)
                && Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, headers, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "StoredResponse[status=" + status + ", headers=" + headers + ", body=" + body.length + " bytes]";
    }

    /**
     * One header line.
     *
     * @param name the header name as the application wrote it
     * @param value the header value
     */
    public record Header(String name, String value) {

        public Header {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }
}
