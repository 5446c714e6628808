package dev.exactlyonce.json.servlet;

import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.util.Map;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;

/** Hand-made stand-ins for the servlet container's objects, answering only what the body code asks. */
final class ServletDoubles {

    private ServletDoubles() {
    }

    /** A {@code type} that answers the named methods with the given values and refuses any other call. */
    static <T> T answering(Class<T> type, Map<String, Object> answers) {
        return type.cast(Proxy.newProxyInstance(ServletDoubles.class.getClassLoader(), new Class<?>[] { type },
                (proxy, method, args) -> {
                    if (!answers.containsKey(method.getName())) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return answers.get(method.getName());
                }));
    }

    /** The container's stream of a request body, counting what was taken from it. */
    static final class BodyStream extends ServletInputStream {

        private final ByteArrayInputStream bytes;

        private int bytesRead;

        BodyStream(byte[] body) {
            this.bytes = new ByteArrayInputStream(body);
        }

        int bytesRead() {
            return bytesRead;
        }

        @Override
        public int read() {
            int next = bytes.read();
            bytesRead += next < 0 ? 0 : 1;
            return next;
        }

        @Override
        public boolean isFinished() {
            return bytes.available() == 0;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new UnsupportedOperationException();
        }
    }
}
