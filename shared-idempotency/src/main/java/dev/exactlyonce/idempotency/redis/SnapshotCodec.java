package dev.exactlyonce.idempotency.redis;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import dev.exactlyonce.idempotency.StoredResponse;

/**
 * A compact binary form of a response snapshot, so a completed record of a small JSON answer stays well
 * under 512 bytes in Redis (JSON or a hash with one field per header costs several times that).
 *
 * <pre>
 * format (1 byte: 1 = plain, 2 = the rest is raw DEFLATE of the plain form, 3 = the same against
 *         {@link SnapshotDictionary})
 * status (2 bytes, big-endian) | header count (varint)
 * per header: name code (1 byte; 0 = name follows as varint length + bytes) | value (varint length + UTF-8)
 * body (the remaining bytes)
 * </pre>
 * Common header names are one byte. Headers and body are deflated together when that is shorter: a
 * typical JSON answer repeats its field names and the id in its {@code Location}. A small answer says
 * each field name once, though, which leaves DEFLATE nothing to refer back to; so it starts from a preset
 * dictionary of the vocabulary such answers share, which takes a bank-service debit's reply from 358
 * bytes to about 170 (without the dictionary, 260), for a few microseconds of CPU. Values and body come
 * back exactly as they were. Format 2, written before the dictionary, is still read.
 */
final class SnapshotCodec {

    private static final int PLAIN = 1;
    private static final int DEFLATED = 2;
    private static final int DEFLATED_WITH_DICTIONARY = 3;

    /** Bodies shorter than this are not worth deflating. */
    private static final int DEFLATE_FROM = 64;

    /** Upper bound on an inflated snapshot, so a damaged record cannot exhaust memory. */
    private static final int MAX_INFLATED = 64 * 1024 * 1024;

    /** Codes 1..n, by position; never reorder, only append. */
    private static final List<String> COMMON_NAMES = List.of("Content-Type", "Location", "Content-Language",
            "ETag", "Last-Modified", "Cache-Control", "Content-Disposition", "Content-Location", "Vary", "Link");

    /*
     * One per thread and reused: a new Deflater allocates and clears a few hundred kilobytes of native
     * zlib state, which costs more than compressing a small response.
     */
    private static final ThreadLocal<Deflater> DEFLATERS =
            ThreadLocal.withInitial(() -> new Deflater(Deflater.BEST_SPEED, true));
    private static final ThreadLocal<Inflater> INFLATERS = ThreadLocal.withInitial(() -> new Inflater(true));

    private SnapshotCodec() {
    }

    /**
     * The snapshot deflated, or in format 1 when deflating does not make it shorter.
     *
     * @param withDictionary whether to write format 3; without, format 2, which versions before the dictionary read
     */
    static byte[] encode(StoredResponse response, boolean withDictionary) {
        byte[] plain = plain(response);
        if (plain.length >= DEFLATE_FROM) {
            byte[] deflated = deflate(plain, withDictionary);
            if (deflated.length < plain.length) {
                return withFormat(withDictionary ? DEFLATED_WITH_DICTIONARY : DEFLATED, deflated);
            }
        }
        return withFormat(PLAIN, plain);
    }

    static StoredResponse decode(byte[] bytes) {
        if (bytes.length == 0) {
            throw new IllegalStateException("Empty response snapshot");
        }
        int format = bytes[0] & 0xff;
        byte[] plain = switch (format) {
            case PLAIN -> Arrays.copyOfRange(bytes, 1, bytes.length);
            case DEFLATED -> inflate(bytes, 1, false);
            case DEFLATED_WITH_DICTIONARY -> inflate(bytes, 1, true);
            default -> throw new IllegalStateException("Unknown response snapshot format " + format);
        };
        Reader in = new Reader(plain);
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

    private static byte[] plain(StoredResponse response) {
        byte[] body = response.body();
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 + body.length);
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

    private static byte[] withFormat(int format, byte[] content) {
        byte[] bytes = new byte[content.length + 1];
        bytes[0] = (byte) format;
        System.arraycopy(content, 0, bytes, 1, content.length);
        return bytes;
    }

    private static byte[] deflate(byte[] plain, boolean withDictionary) {
        Deflater deflater = DEFLATERS.get();
        try {
            if (withDictionary) {
                deflater.setDictionary(SnapshotDictionary.bytes());
            }
            deflater.setInput(plain);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length);
            byte[] chunk = new byte[Math.max(64, plain.length)];
            while (!deflater.finished()) {
                int n = deflater.deflate(chunk);
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        } finally {
            deflater.reset();
        }
    }

    private static byte[] inflate(byte[] bytes, int offset, boolean withDictionary) {
        Inflater inflater = INFLATERS.get();
        try {
            if (withDictionary) {
                inflater.setDictionary(SnapshotDictionary.bytes());
            }
            inflater.setInput(bytes, offset, bytes.length - offset);
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length * 3);
            byte[] chunk = new byte[1024];
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalStateException("Deflated response snapshot ends early");
                }
                out.write(chunk, 0, n);
                if (out.size() > MAX_INFLATED) {
                    throw new IllegalStateException("Response snapshot inflates past " + MAX_INFLATED + " bytes");
                }
            }
            return out.toByteArray();
        } catch (DataFormatException ex) {
            throw new IllegalStateException("Damaged deflated response snapshot", ex);
        } finally {
            inflater.reset();
        }
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
