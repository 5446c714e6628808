package dev.exactlyonce.idempotency.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class BufferedBodyRequestTests {

    private static final String JSON = "{\"payee\":\"Zoë Müller\",\"note\":\"€ 5\"}";

    private static BufferedBodyRequest buffered(byte[] body, String declaredCharset) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/orders");
        request.setContentType(declaredCharset == null ? "application/json"
                : "application/json;charset=" + declaredCharset);
        return new BufferedBodyRequest(request, body);
    }

    private static String read(BufferedReader reader) throws IOException {
        StringBuilder text = new StringBuilder();
        for (int c = reader.read(); c != -1; c = reader.read()) {
            text.append((char) c);
        }
        return text.toString();
    }

    @Test
    void readerDecodesABodyWithoutDeclaredCharsetAsUtf8() throws IOException {
        BufferedBodyRequest request = buffered(JSON.getBytes(StandardCharsets.UTF_8), null);

        assertThat(request.getCharacterEncoding()).isNull();
        assertThat(read(request.getReader())).isEqualTo(JSON);
    }

    @Test
    void readerDecodesWithTheDeclaredCharset() throws IOException {
        String latin = "{\"payee\":\"Zoë Müller\"}";
        BufferedBodyRequest request = buffered(latin.getBytes(StandardCharsets.ISO_8859_1), "ISO-8859-1");

        assertThat(read(request.getReader())).isEqualTo(latin);
    }

    @Test
    void streamServesTheBufferedBytesAgain() throws IOException {
        byte[] body = JSON.getBytes(StandardCharsets.UTF_8);
        BufferedBodyRequest request = buffered(body, null);

        assertThat(request.getInputStream().readAllBytes()).isEqualTo(body);
        assertThat(request.getContentLengthLong()).isEqualTo(body.length);
    }

    @Test
    void refusesReaderAfterStreamAsTheServletApiDoes() {
        BufferedBodyRequest request = buffered(new byte[0], null);
        request.getInputStream();

        assertThatIllegalStateException().isThrownBy(request::getReader).withMessageContaining("getInputStream()");
    }
}
