package dev.exactlyonce.idempotency.redis;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.exactlyonce.idempotency.StoredResponse;

/**
 * A compact binary form of a response snapshot, so a completed record of a small JSON answer stays well
 * under 512 bytes in Redis (JSON or a hash with one field per header costs several times that).
 *
 * <pre>
 * version (1 byte) | status (2 bytes, big-endian) | header count (varint)
 * per header: name code (1 byte; 0 = name follows as varint length + bytes) | value (varint length + UTF-8)
 * body (the remaining bytes)
 * </pre>
 * Common header names are one byte; values and body are kept exactly.
 */
final class SnapshotCodec {

    private static final int VERSION = 1;

    /** Codes 1..n, by position; never reorder, only append. */
    private static final List<String> COMMON_NAMES = List.of("Content-Type", "Location", "Content-Language",
            "ETag", "Last-Modified", "Cache-Control", "Content-Disposition", "Content-Location", "Vary", "Link");

    private SnapshotCodec() {
    }

    static byte[] encode(StoredResponse response) {
        byte[] body = response.body();
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 + body.length);
        out.write(VERSION);
        out.write(response.status() >>> 8);
        out.write(response.status());
        writeVarint(out, response.headers().size());
        for (StoredResponse.Header header : response.headers()) {
            int code = code(header.name());
            out.write(code);
            if (code == 0) {
                writeBytes(out, header.name().getBytes(StandardCharsets.UTF_8));
            }
            writeBytes(out, header.value().getBytes(StandardCharsets.UTF_8));
        }
        out.write(body, 0, body.length);
        return out.toByteArray();
    }

    static StoredResponse decode(byte[] bytes) {
        Reader in = new Reader(bytes);
        int version = in.readByte();
        if (version != VERSION) {
            throw new IllegalStateException("Unknown response snapshot version " + version);
        }
        int status = (in.readByte() << 8) | in.readByte();
        int count = in.readVarint();
        List<StoredResponse.Header> headers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int code = in.readByte();
            String name = code == 0 ? in.readString() : COMMON_NAMES.get(code - 1);
            headers.add(new StoredResponse.Header(name, in.readString()));
        }
        return new StoredResponse(status, headers, in.rest());
    }

    private static int code(String name) {
        for (int i = 0; i < COMMON_NAMES.size(); i++) {
            if (COMMON_NAMES.get(i).equalsIgnoreCase(name)) {
                return i + 1;
            }
        }
        return 0;
    }

    private static void writeBytes(ByteArrayOutputStream out, byte[] bytes) {
        writeVarint(out, bytes.length);
        out.write(bytes, 0, bytes.length);
    }

    private static void writeVarint(ByteArrayOutputStream out, int value) {
        int rest = value;
        while ((rest & ~0x7f) != 0) {
            out.write((rest & 0x7f) | 0x80);
            rest >>>= 7;
        }
        out.write(rest);
    }

    private static final class Reader {

        private final byte[] bytes;
        private int position;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        int readByte() {
            if (position >= bytes.length) {
                throw new IllegalStateException("Response snapshot ends early at byte " + position);
            }
            return bytes[position++] & 0xff;
        }

        int readVarint() {
            int value = 0;
            for (int shift = 0; shift < 32; shift += 7) {
                int b = readByte();
                value |= (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IllegalStateException("Malformed length in response snapshot at byte " + position);
        }

        String readString() {
            int length = readVarint();
            if (length > bytes.length - position) {
                throw new IllegalStateException("Response snapshot ends early at byte " + position);
            }
            String value = new String(bytes, position, length, StandardCharsets.UTF_8);
            position += length;
            return value;
        }

        byte[] rest() {
            return Arrays.copyOfRange(bytes, position, bytes.length);
        }
    }
}
