package dev.exactlyonce.chaos.topology;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class RespTests {

    @Test
    void writesACommandAsAnArrayOfBulkStrings() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        Resp.write(out, List.of("MEMORY", "USAGE", "idem:5:alice:k"));

        assertThat(out.toString(StandardCharsets.US_ASCII))
                .isEqualTo("*3\r\n$6\r\nMEMORY\r\n$5\r\nUSAGE\r\n$14\r\nidem:5:alice:k\r\n");
    }

    @Test
    void readsAScanReplyOfACursorAndKeys() throws IOException {
        Object reply = Resp.read(stream("*2\r\n$2\r\n17\r\n*2\r\n$5\r\nk:a\r\n\r\n$3\r\nk:b\r\n"));

        assertThat(reply).isEqualTo(List.of("17", List.of("k:a\r\n", "k:b")));
    }

    @Test
    void readsIntegersSimpleStringsAndNil() throws IOException {
        InputStream in = stream(":152\r\n+OK\r\n$-1\r\n*-1\r\n");

        assertThat(Arrays.asList(Resp.read(in), Resp.read(in), Resp.read(in), Resp.read(in)))
                .containsExactly(152L, "OK", null, null);
    }

    @Test
    void refusesAnErrorReplyOrACutStream() {
        assertThatIOException().isThrownBy(() -> Resp.read(stream("-ERR unknown command\r\n")))
                .withMessageContaining("ERR unknown command");
        assertThatIOException().isThrownBy(() -> Resp.read(stream("$10\r\nabc")))
                .withMessageContaining("cut off");
        assertThatIOException().isThrownBy(() -> Resp.read(stream(""))).withMessageContaining("closed");
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
