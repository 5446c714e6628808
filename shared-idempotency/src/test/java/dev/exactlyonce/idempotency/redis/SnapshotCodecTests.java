package dev.exactlyonce.idempotency.redis;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;

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

        assertThat(SnapshotCodec.decode(SnapshotCodec.encode(response, true))).isEqualTo(response);
    }

    @Test
    void roundTripsEmptyResponse() {
        StoredResponse response = new StoredResponse(204, List.of(), new byte[0]);

        assertThat(SnapshotCodec.decode(SnapshotCodec.encode(response, true))).isEqualTo(response);
    }

    @Test
    void encodesCommonHeaderNamesInOneByte() {
        StoredResponse response = new StoredResponse(200,
                List.of(new StoredResponse.Header("content-type", "application/json")),
                "{}".getBytes(StandardCharsets.UTF_8));

        byte[] encoded = SnapshotCodec.encode(response, true);

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

        byte[] encoded = SnapshotCodec.encode(response, true);

        assertThat(encoded[0]).isEqualTo((byte) 3);
        assertThat(encoded.length).isLessThan(json.length() / 2);
        assertThat(SnapshotCodec.decode(encoded)).isEqualTo(response);
    }

    @Test
    void smallJsonAnswerThatNamesEachFieldOnceStillShrinks() {
        String operation = "0b5e2c4e-0f7e-4a4a-9d55-3f1f0c7c1e11";
        String json = "{\"operationId\":\"" + operation + "\",\"type\":\"DEBIT\","
                + "\"accountId\":\"6f1c8a52-22a3-4b7e-8f59-9a3c2f4c6d10\",\"amount\":1000,\"currency\":\"EUR\","
                + "\"balanceAfter\":99000,\"status\":\"COMPLETED\",\"description\":\"test debit\","
                + "\"createdAt\":\"2026-11-23T20:18:02.123456Z\"}";
        StoredResponse response = new StoredResponse(201, List.of(
                new StoredResponse.Header("Content-Type", "application/json"),
                new StoredResponse.Header("Location", "https://bank.example/api/v1/operations/" + operation)),
                json.getBytes(StandardCharsets.UTF_8));

        byte[] encoded = SnapshotCodec.encode(response, true);

        // The plain form is 353 bytes, which DEFLATE alone takes to 261: each field name occurs once. The names,
        // the states and the instant's shape are in the dictionary.
        assertThat(encoded[0]).isEqualTo((byte) 3);
        assertThat(encoded.length).isLessThan(200);
        assertThat(SnapshotCodec.decode(encoded)).isEqualTo(response);
    }

    @Test
    void readsSnapshotsDeflatedBeforeThereWasADictionary() {
        String json = "{\"items\":[" + "{\"name\":\"same\",\"amount\":1},".repeat(5) + "{}]}";
        // The plain form by hand: status 200, one header (code 1, Content-Type), then the body.
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        plain.writeBytes(new byte[] { 0, (byte) 200, 1, 1, 16 });
        plain.writeBytes("application/json".getBytes(StandardCharsets.US_ASCII));
        plain.writeBytes(json.getBytes(StandardCharsets.UTF_8));
        Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
        deflater.setInput(plain.toByteArray());
        deflater.finish();
        byte[] deflated = new byte[1024];
        int length = deflater.deflate(deflated);
        deflater.end();
        byte[] formatTwo = new byte[1 + length];
        formatTwo[0] = 2;
        System.arraycopy(deflated, 0, formatTwo, 1, length);

        assertThat(SnapshotCodec.decode(formatTwo)).isEqualTo(new StoredResponse(200,
                List.of(new StoredResponse.Header("Content-Type", "application/json")),
                json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void dictionaryIsTheOneEveryStoredSnapshotWasDeflatedWith() throws Exception {
        // Changing one byte of it makes every format-3 record in Redis unreadable: a new dictionary is a new format.
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(SnapshotDictionary.bytes())))
                .isEqualTo("ee39ba0c0fee3383d20c7a28ddd26b7381e2c7827964a8274af3f8e92f10427c");
    }

    @Test
    void keepsIncompressibleBodyPlain() {
        byte[] random = new byte[300];
        new Random(7).nextBytes(random);
        StoredResponse response = new StoredResponse(200, List.of(), random);

        byte[] encoded = SnapshotCodec.encode(response, true);

        assertThat(encoded[0]).isEqualTo((byte) 1);
        assertThat(SnapshotCodec.decode(encoded)).isEqualTo(response);
    }

    @Test
    void refusesTruncatedSnapshot() {
        byte[] encoded = SnapshotCodec.encode(new StoredResponse(200,
                List.of(new StoredResponse.Header("X-Long", "a value")), new byte[0]), true);

        assertThatThrownBy(() -> SnapshotCodec.decode(Arrays.copyOf(encoded, 8)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ends early");
    }
}
