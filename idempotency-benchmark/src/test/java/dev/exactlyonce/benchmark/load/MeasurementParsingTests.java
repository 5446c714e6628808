package dev.exactlyonce.benchmark.load;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.exactlyonce.localinfra.ProcessCpu;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The load generator reads what the application, the kernel and Redis tell it; these are its readings. */
class MeasurementParsingTests {

    @Test
    void readsChunkedResponseAndReplayedHeader() throws IOException {
        HttpConnection.Response response = HttpConnection.read(stream("HTTP/1.1 201 \r\nIdempotent-Replayed: true\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n4\r\n{\"a\"\r\n3;x=y\r\n:1}\r\n0\r\n\r\nHTTP/1.1 200"));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.replayed()).isTrue();
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
    }

    @Test
    void readsBodyOfDeclaredLengthAndConnectionClose() throws IOException {
        HttpConnection.Response response = HttpConnection.read(stream("HTTP/1.1 201 \r\nContent-Length: 2\r\n"
                + "Connection: close\r\n\r\n{}trailing"));

        assertThat(response.replayed()).isFalse();
        assertThat(response.closes()).isTrue();
        assertThat(response.body()).hasSize(2);
    }

    @Test
    void addsUserAndSystemTicksOfAProcessWhoseNameHoldsSpacesAndParentheses() {
        String stat = "42 (java (main) x) S 1 42 42 0 -1 4194560 100 0 0 0 250 50 7 3 20 0 30 0 100 0 0";

        ProcessCpu.Times times = ProcessCpu.parse(stat);

        assertThat(times.userNanos()).isEqualTo(2_500_000_000L);
        assertThat(times.systemNanos()).isEqualTo(500_000_000L);
        assertThat(times.endedChildrenNanos()).as("cutime and cstime").isEqualTo(100_000_000L);
        assertThat(times.withEndedChildrenNanos()).isEqualTo(3_100_000_000L);
    }

    @Test
    void countsRedisCommandsWithoutTheProbesOwn() {
        String info = "# Commandstats\r\ncmdstat_evalsha:calls=12,usec=340,usec_per_call=28.33\r\n"
                + "cmdstat_info:calls=4,usec=10,usec_per_call=2.5\r\ncmdstat_get:calls=7,usec=7,usec_per_call=1.0\r\n";

        assertThat(RedisProbe.calls(info)).containsOnly(Map.entry("evalsha", 12L),
                Map.entry("get", 7L));
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
    }
}
