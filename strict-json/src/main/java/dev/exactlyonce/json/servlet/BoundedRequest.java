package dev.exactlyonce.json.servlet;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A request whose body is bounded: either held in memory (read once to be checked, or to be sent again on a
 * retry) or read as it arrives through a counter that fails past a limit. Both go through one
 * {@link CountingInputStream}. {@link #getReader()} decodes the body in the request's declared charset, UTF-8
 * when none is declared, as JSON is (RFC 8259).
 */
public final class BoundedRequest extends HttpServletRequestWrapper {

    /** The body in memory, or {@code null} when it is read from the container as it arrives. */
    private final byte[] body;

    /** The counted container stream, when the body is not in memory. */
    private final CountingInputStream arriving;

    private BoundedRequest(HttpServletRequest request, byte[] body, CountingInputStream arriving) {
        super(request);
        this.body = body;
        this.arriving = arriving;
    }

    /**
     * The request with {@code body}, already read from it. Every {@link #getInputStream()} starts again from
     * the first byte, so the handler reads exactly what was checked, and each retry sends the same bytes.
     */
    public static BoundedRequest of(HttpServletRequest request, byte[] body) {
        return new BoundedRequest(request, body, null);
    }

    /** The request with its body read into memory, or {@code null} when the body is longer than {@code limit}. */
    public static BoundedRequest read(HttpServletRequest request, long limit) throws IOException {
        try {
            return of(request, limited(request, limit).getInputStream().readAllBytes());
        } catch (RequestBodyTooLargeException tooLarge) {
            return null;
        }
    }

    /**
     * The request with its body left where it is: whoever reads it reads through a counter, and the read
     * that passes {@code limit} bytes throws {@link RequestBodyTooLargeException}. For a body of unknown
     * length (chunked) that must be refused past the limit without being held in memory first.
     */
    public static BoundedRequest limited(HttpServletRequest request, long limit) throws IOException {
        if (limit < 0) {
            throw new IllegalArgumentException("A body limit is zero or more bytes, not " + limit);
        }
        return new BoundedRequest(request, null, new CountingInputStream(request.getInputStream(), limit));
    }

    @Override
    public int getContentLength() {
        return body != null ? body.length : super.getContentLength();
    }

    @Override
    public long getContentLengthLong() {
        return body != null ? body.length : super.getContentLengthLong();
    }

    @Override
    public ServletInputStream getInputStream() {
        return body != null ? new CountingInputStream(new ByteArrayInputStream(body), body.length) : arriving;
    }

    @Override
    public BufferedReader getReader() throws UnsupportedEncodingException {
        String declared = getCharacterEncoding();
        Charset charset;
        try {
            charset = declared == null ? StandardCharsets.UTF_8 : Charset.forName(declared);
        } catch (IllegalArgumentException unknown) {
            throw new UnsupportedEncodingException("The request declares a charset this runtime cannot decode: " + declared);
        }
        return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }
}
