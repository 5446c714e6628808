package dev.exactlyonce.json.servlet;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class BoundedRequestTests {

    @Test
    void readerDecodesTheDeclaredCharset() throws IOException {
        byte[] latin1 = "café".getBytes(StandardCharsets.ISO_8859_1);

        assertThat(BoundedRequest.of(request(latin1, "ISO-8859-1"), latin1).getReader().readLine()).isEqualTo("café");
        assertThat(BoundedRequest.limited(request(latin1, "ISO-8859-1"), 100).getReader().readLine()).isEqualTo("café");
    }

    @Test
    void readerDecodesUtf8WhenNoCharsetIsDeclared() throws IOException {
        byte[] utf8 = "café 😀".getBytes(StandardCharsets.UTF_8);

        assertThat(BoundedRequest.of(request(utf8, null), utf8).getReader().readLine()).isEqualTo("café 😀");
        assertThat(BoundedRequest.limited(request(utf8, null), 100).getReader().readLine()).isEqualTo("café 😀");
    }

    @Test
    void everyStreamOfABodyInMemoryStartsAtTheFirstByte() throws IOException {
        byte[] body = "{\"amount\":10}".getBytes(StandardCharsets.UTF_8);
        BoundedRequest request = BoundedRequest.of(request(new byte[0], null), body);

        assertThat(request.getInputStream().readAllBytes()).isEqualTo(body);
        assertThat(request.getInputStream().readAllBytes()).as("a retry sends the same body").isEqualTo(body);
        assertThat(request.getContentLengthLong()).isEqualTo(body.length);
    }

    @Test
    void readHoldsABodyOfAtMostTheLimitAndRefusesALongerOne() throws IOException {
        byte[] body = new byte[1000];

        assertThat(BoundedRequest.read(request(body, null), 1000).getInputStream().readAllBytes()).hasSize(1000);
        assertThat(BoundedRequest.read(request(body, null), 999)).isNull();
    }

    @Test
    void limitedBodyFailsOnTheFirstReadPastTheLimitAndNotBefore() throws IOException {
        byte[] body = new byte[1000];

        assertThat(BoundedRequest.limited(request(body, null), 1000).getInputStream().readAllBytes()).hasSize(1000);

        ServletInputStream over = BoundedRequest.limited(request(body, null), 999).getInputStream();
        assertThat(over.readNBytes(999)).hasSize(999);
        assertThatExceptionOfType(RequestBodyTooLargeException.class).isThrownBy(over::read)
                .satisfies(tooLarge -> assertThat(tooLarge.limit()).isEqualTo(999))
                .withMessageContaining("999 bytes");
    }

    @Test
    void limitedBodyIsNotReadAhead() throws IOException {
        CountedSource source = new CountedSource(new byte[10]);

        BoundedRequest.limited(request(source, null), 5);

        assertThat(source.bytesRead).isZero();
    }

    private static HttpServletRequest request(byte[] body, String charset) {
        return request(new CountedSource(body), charset);
    }

    /** A request that answers only what a body wrapper asks of it. */
    private static HttpServletRequest request(CountedSource body, String charset) {
        Map<String, Object> answers = new HashMap<>();
        answers.put("getInputStream", body);
        answers.put("getCharacterEncoding", charset);
        answers.put("getContentLengthLong", -1L);
        answers.put("getContentLength", -1);
        return (HttpServletRequest) Proxy.newProxyInstance(BoundedRequestTests.class.getClassLoader(),
                new Class<?>[] { HttpServletRequest.class }, (proxy, method, args) -> {
                    if (!answers.containsKey(method.getName())) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return answers.get(method.getName());
                });
    }

    /** The container's stream, counting what was taken from it. */
    private static final class CountedSource extends ServletInputStream {

        private final InputStream bytes;

        private int bytesRead;

        CountedSource(byte[] body) {
            this.bytes = new ByteArrayInputStream(body);
        }

        @Override
        public int read() throws IOException {
            int next = bytes.read();
            bytesRead += next < 0 ? 0 : 1;
            return next;
        }

        @Override
        public boolean isFinished() {
            return false;
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
