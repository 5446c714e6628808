package dev.exactlyonce.json.servlet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;

import org.junit.jupiter.api.Test;

import dev.exactlyonce.json.servlet.ServletDoubles.BodyStream;

import static dev.exactlyonce.json.servlet.ServletDoubles.answering;
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
        BodyStream source = new BodyStream(new byte[10]);

        BoundedRequest.limited(request(source, null), 5);

        assertThat(source.bytesRead()).isZero();
    }

    private static HttpServletRequest request(byte[] body, String charset) {
        return request(new BodyStream(body), charset);
    }

    /** A request that answers only what a body wrapper asks of it. */
    private static HttpServletRequest request(BodyStream body, String charset) {
        Map<String, Object> answers = new HashMap<>();
        answers.put("getInputStream", body);
        answers.put("getCharacterEncoding", charset);
        answers.put("getContentLengthLong", -1L);
        answers.put("getContentLength", -1);
        return answering(HttpServletRequest.class, answers);
    }
}
