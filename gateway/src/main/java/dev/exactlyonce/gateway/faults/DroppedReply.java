package dev.exactlyonce.gateway.faults;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.Collection;
import java.util.List;

import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.util.MultiValueMap;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * An upstream reply that is read to the end and thrown away, after which the caller's connection is cut
 * by {@link ConnectionAbortValve}. Reading it to the end keeps the upstream connection healthy and makes
 * sure the upstream finished its work.
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
        upstream.writeTo(request, new Discarding(response), context);
        request.setAttribute(ConnectionAbortValve.ABORT_ATTRIBUTE, Boolean.TRUE);
        return null;
    }

    /** A response that accepts everything and sends nothing, so the real one stays uncommitted. */
    private static final class Discarding extends HttpServletResponseWrapper {

        private final ServletOutputStream sink = new ServletOutputStream() {
            @Override
            public void write(int b) {
            }

            @Override
            public void write(byte[] b, int off, int len) {
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                throw new UnsupportedOperationException("A dropped reply is written synchronously");
            }
        };

        Discarding(HttpServletResponse response) {
            super(response);
        }

        @Override
        public ServletOutputStream getOutputStream() {
            return sink;
        }

        @Override
        public PrintWriter getWriter() {
            return new PrintWriter(OutputStream.nullOutputStream());
        }

        @Override
        public void setStatus(int sc) {
        }

        @Override
        public void sendError(int sc) {
        }

        @Override
        public void sendError(int sc, String msg) {
        }

        @Override
        public void sendRedirect(String location) {
        }

        @Override
        public void setHeader(String name, String value) {
        }

        @Override
        public void addHeader(String name, String value) {
        }

        @Override
        public void setIntHeader(String name, int value) {
        }

        @Override
        public void addIntHeader(String name, int value) {
        }

        @Override
        public void setDateHeader(String name, long date) {
        }

        @Override
        public void addDateHeader(String name, long date) {
        }

        @Override
        public void addCookie(Cookie cookie) {
        }

        @Override
        public void setContentType(String type) {
        }

        @Override
        public void setContentLength(int len) {
        }

        @Override
        public void setContentLengthLong(long len) {
        }

        @Override
        public void setCharacterEncoding(String charset) {
        }

        @Override
        public void setBufferSize(int size) {
        }

        @Override
        public void flushBuffer() {
        }

        @Override
        public void reset() {
        }

        @Override
        public void resetBuffer() {
        }

        @Override
        public boolean isCommitted() {
            return false;
        }

        @Override
        public Collection<String> getHeaderNames() {
            return List.of();
        }
    }
}
