package dev.exactlyonce.json.servlet;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A request whose body was read into memory, up to a limit, so that it can be checked before anyone
 * parses it. bank-service and client-app both hand it on after {@link dev.exactlyonce.json.JsonInput}
 * passed the bytes, so the handler reads exactly what was checked.
 */
public final class BoundedRequest extends HttpServletRequestWrapper {

    private final byte[] body;

    private BoundedRequest(HttpServletRequest request, byte[] body) {
        super(request);
        this.body = body;
    }

    /** The request with its body read, or {@code null} when the body is longer than {@code limit}. */
    public static BoundedRequest read(HttpServletRequest request, long limit) throws IOException {
        InputStream in = request.getInputStream();
        byte[] body = in.readNBytes((int) limit + 1);
        return body.length > limit ? null : new BoundedRequest(request, body);
    }

    /** The request with {@code body}, already read from it. */
    public static BoundedRequest of(HttpServletRequest request, byte[] body) {
        return new BoundedRequest(request, body);
    }

    @Override
    public int getContentLength() {
        return body.length;
    }

    @Override
    public long getContentLengthLong() {
        return body.length;
    }

    @Override
    public ServletInputStream getInputStream() {
        ByteArrayInputStream in = new ByteArrayInputStream(body);
        return new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return in.read(b, off, len);
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException("The body is already in memory");
            }
        };
    }
}
