package dev.exactlyonce.idempotency.redis;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import dev.exactlyonce.idempotency.StoredResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SnapshotCodecTests {

    @Test
    void roundTripsStatusHeadersAndBinaryBody() {
        byte[] body = new byte[256];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i;
        }
        StoredResponse response = new StoredResponse(201, List.of(
                new StoredResponse.Header("Content-Type", "application/octet-stream"),
                new StoredResponse.Header("Location", "/things/\u00e9t\u00e9"),
                new StoredResponse.Header("X-Custom", "one"),
                new StoredResponse.Header("X-Custom", "two")), body);

        assertThat(SnapshotCodec.decode(SnapshotCodec.encode(response))).isEqualTo(response);
    }

    @Test
    void roundTripsEmptyResponse() {
        StoredResponse response = new StoredResponse(204, List.of(), new byte[0]);

        assertThat(SnapshotCodec.decode(SnapshotCodec.encode(response))).isEqualTo(response);
    }

    @Test
    void encodesCommonHeaderNamesInOneByte() {
        StoredResponse response = new StoredResponse(200,
                List.of(new StoredResponse.Header("content-type", "application/json")),
                "{}".getBytes(StandardCharsets.UTF_8));

        byte[] encoded = SnapshotCodec.encode(response);

        // format, status (2), count, name code, value length, value, body: too short to deflate
        assertThat(encoded).hasSize(1 + 2 + 1 + 1 + 1 + "application/json".length() + 2);
        assertThat(SnapshotCodec.decode(encoded).headers()).containsExactly(
                new StoredResponse.Header("Content-Type", "application/json"));
    }

    @Test
    void deflatesRepetitiveJsonAndRestoresItExactly() {
        String json = "{\"items\":[" + "{\"name\":\"same\",\"amount\":1},".repeat(20) + "{}]}";
        StoredResponse response = new StoredResponse(200,
                List.of(new StoredResponse.Header("Content-Type", "application/json")),
                json.getBytes(StandardCharsets.UTF_8));

        byte[] encoded = SnapshotCodec.encode(response);

        assertThat(encoded[0]).isEqualTo((byte) 2);
        assertThat(encoded.length).isLessThan(json.length() / 2);
        assertThat(SnapshotCodec.decode(encoded)).isEqualTo(response);
    }

    @Test
    void keepsIncompressibleBodyPlain() {
        byte[] random = new byte[300];
        new Random(7).nextBytes(random);
        StoredResponse response = new StoredResponse(200, List.of(), random);

        byte[] encoded = SnapshotCodec.encode(response);

        assertThat(encoded[0]).isEqualTo((byte) 1);
        assertThat(SnapshotCodec.decode(encoded)).isEqualTo(response);
    }

    @Test
    void refusesTruncatedSnapshot() {
        byte[] encoded = SnapshotCodec.encode(new StoredResponse(200,
                List.of(new StoredResponse.Header("X-Long", "a value")), new byte[0]));

        assertThatThrownBy(() -> SnapshotCodec.decode(Arrays.copyOf(encoded, 8)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ends early");
    }
}
