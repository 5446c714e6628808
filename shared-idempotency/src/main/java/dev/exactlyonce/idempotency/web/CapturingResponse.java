package dev.exactlyonce.idempotency.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import dev.exactlyonce.idempotency.StoredResponse;

/**
 * Holds back the handler's body so that it can be stored before the client sees it, and replayed
 * byte for byte later. Status and headers go straight to the real response (they are read back from
 * it); only the body is buffered.
 *
 * <p>A body that grows past the storage cap is not held any longer: what was buffered is sent and
 * the rest streams through, so a large response costs no more memory than the cap. Such a response
 * is {@linkplain #overflowed() not stored}.
 */
final class CapturingResponse extends HttpServletResponseWrapper {

    private final int cap;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);
    private final CapturingStream stream = new CapturingStream();
    private PrintWriter writer;
    private boolean overflowed;
    private boolean errorSent;

    CapturingResponse(HttpServletResponse response, int cap) {
        super(response);
        this.cap = cap;
    }

    /** Whether the body outgrew the cap and went to the client unstored. */
    boolean overflowed() {
        return overflowed;
    }

    /**
     * Whether the handler called {@code sendError}: the container then renders the body itself, after
     * the filter has returned, so there is nothing the filter could store.
     */
    boolean errorSent() {
        return errorSent;
    }

    @Override
    public ServletOutputStream getOutputStream() {
        if (writer != null) {
            throw new IllegalStateException("getWriter() has already been called for this response");
        }
        return stream;
    }

    @Override
    public PrintWriter getWriter() {
        if (writer == null) {
            Charset charset = Charset.forName(getCharacterEncoding());
            writer = new PrintWriter(new OutputStreamWriter(stream, charset));
        }
        return writer;
    }

    @Override
    public void flushBuffer() throws IOException {
        flushWriter();
        if (overflowed) {
            super.flushBuffer();
        }
        // Otherwise hold on: committing now would send the response before it is stored.
    }

    @Override
    public void resetBuffer() {
        flushWriter();
        buffer.reset();
        super.resetBuffer();
    }

    @Override
    public void reset() {
        flushWriter();
        buffer.reset();
        super.reset();
    }

    @Override
    public void sendError(int status) throws IOException {
        errorSent = true;
        buffer.reset();
        super.sendError(status);
    }

    @Override
    public void sendError(int status, String message) throws IOException {
        errorSent = true;
        buffer.reset();
        super.sendError(status, message);
    }

    @Override
    public void setContentLength(int length) {
        // The length is set when the body is sent; one the handler sets before writing would commit the
        // real response as soon as that many bytes arrived, before the response is stored.
    }

    @Override
    public void setContentLengthLong(long length) {
    }

    @Override
    public void setHeader(String name, String value) {
        if (!"Content-Length".equalsIgnoreCase(name)) {
            super.setHeader(name, value);
        }
    }

    @Override
    public void addHeader(String name, String value) {
        if (!"Content-Length".equalsIgnoreCase(name)) {
            super.addHeader(name, value);
        }
    }

    /** The response as it will be replayed: status, replayable headers and the buffered body. */
    StoredResponse snapshot(ReplayableHeaders replayable) {
        flushWriter();
        List<StoredResponse.Header> headers = new ArrayList<>();
        String contentType = getContentType();
        if (contentType != null) {
            headers.add(new StoredResponse.Header("Content-Type", contentType));
        }
        for (String name : getHeaderNames()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.equals("content-type") && replayable.replays(name)) {
                for (String value : getHeaders(name)) {
                    headers.add(new StoredResponse.Header(name, value));
                }
            }
        }
        return new StoredResponse(getStatus(), headers, buffer.toByteArray());
    }

    /** Sends the buffered body to the client; the response is complete afterwards. */
    void sendBody() throws IOException {
        flushWriter();
        HttpServletResponse response = (HttpServletResponse) getResponse();
        if (overflowed || errorSent) {
            response.flushBuffer();
            return;
        }
        if (!response.isCommitted()) {
            response.setContentLength(buffer.size());
        }
        buffer.writeTo(response.getOutputStream());
        response.flushBuffer();
    }

    private void flushWriter() {
        if (writer != null) {
            writer.flush();
        }
    }

    private void overflow() throws IOException {
        overflowed = true;
        ServletOutputStream out = getResponse().getOutputStream();
        buffer.writeTo(out);
        buffer.reset();
    }

    private final class CapturingStream extends ServletOutputStream {

        @Override
        public void write(int b) throws IOException {
            write(new byte[] { (byte) b }, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (errorSent) {
                return;
            }
            if (!overflowed && buffer.size() + length > cap) {
                overflow();
            }
            if (overflowed) {
                getResponse().getOutputStream().write(bytes, offset, length);
            } else {
                buffer.write(bytes, offset, length);
            }
        }

        @Override
        public void flush() throws IOException {
            if (overflowed) {
                getResponse().getOutputStream().flush();
            }
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            throw new UnsupportedOperationException("Non-blocking writes are not supported on idempotent endpoints");
        }
    }
}
