package dev.exactlyonce.benchmark.load;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One kept-alive HTTP/1.1 connection that posts JSON and reads the answer, written on a plain socket so that the
 * load generator spends as little of the shared CPU as it can (the JDK's HTTP client costs several times more per
 * request). It reads what the application sends: a {@code Content-Length} or a chunked body.
 */
final class HttpConnection implements AutoCloseable {

    private final InetSocketAddress address;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    HttpConnection(InetSocketAddress address) {
        this.address = address;
    }

    /** Posts {@code body} with an {@code Idempotency-Key} (none when {@code key} is null). */
    Response post(String path, String key, byte[] body) throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(address, 5_000);
            socket.setSoTimeout(30_000);
            in = new BufferedInputStream(socket.getInputStream(), 8192);
            out = socket.getOutputStream();
        }
        StringBuilder head = new StringBuilder(160).append("POST ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(address.getHostString()).append(':').append(address.getPort()).append("\r\n")
                .append("Content-Type: application/json\r\n");
        if (key != null) {
            head.append("Idempotency-Key: ").append(key).append("\r\n");
        }
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        out.write(request);
        out.flush();
        Response response = read(in);
        if (response.closes()) {
            close();
        }
        return response;
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            socket.close();
            socket = null;
        }
    }

    /** Reads one response; package-private so that a test can feed it bytes. */
    static Response read(InputStream in) throws IOException {
        String status = line(in);
        if (!status.startsWith("HTTP/1.1 ") || status.length() < 12) {
            throw new IOException("Not an HTTP/1.1 status line: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean replayed = false;
        boolean closes = false;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "idempotent-replayed" -> replayed = "true".equals(value);
                case "connection" -> closes = "close".equalsIgnoreCase(value);
                default -> {
                }
            }
        }
        byte[] body;
        if (chunked) {
            ByteArrayOutputStream collected = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(chunkSize(line(in)), 16); size > 0;
                    size = Integer.parseInt(chunkSize(line(in)), 16)) {
                collected.write(in.readNBytes(size));
                line(in);
            }
            // Trailer fields, if any, end with an empty line.
            while (!line(in).isEmpty()) {
                // skipped
            }
            body = collected.toByteArray();
        } else {
            body = length <= 0 ? new byte[0] : in.readNBytes(Math.toIntExact(length));
        }
        return new Response(code, replayed, closes, body);
    }

    private static String chunkSize(String line) {
        int extension = line.indexOf(';');
        return (extension < 0 ? line : line.substring(0, extension)).trim();
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("Connection closed in the middle of a response");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    /**
     * @param replayed whether the response carried {@code Idempotent-Replayed: true}
     * @param closes whether the server closes the connection after it
     */
    record Response(int status, boolean replayed, boolean closes, byte[] body) {
    }
}
