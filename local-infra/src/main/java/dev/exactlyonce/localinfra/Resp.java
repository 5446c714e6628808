package dev.exactlyonce.localinfra;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Just enough of the Redis protocol to set a cluster up: one command per connection, replies as strings, longs
 * and lists. local-infra needs no Redis client library for this, so the applications keep choosing their own.
 */
final class Resp {

    private Resp() {
    }

    /**
     * Sends one command to the server on {@code port} and returns its reply.
     *
     * @throws IllegalStateException when the server answers with an error
     */
    static Object call(String host, int port, String... command) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes(("*" + command.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            for (String part : command) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                request.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
                request.writeBytes(bytes);
                request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write(request.toByteArray());
            out.flush();
            return read(new BufferedInputStream(socket.getInputStream()), String.join(" ", command));
        } catch (IOException ex) {
            throw new UncheckedIOException("Redis on port " + port + " did not answer " + command[0], ex);
        }
    }

    private static Object read(InputStream in, String command) throws IOException {
        int type = in.read();
        String line = line(in);
        switch (type) {
            case '+':
                return line;
            case '-':
                throw new IllegalStateException("Redis answered " + line + " to " + abbreviated(command));
            case ':':
                return Long.parseLong(line);
            case '$': {
                int length = Integer.parseInt(line);
                if (length < 0) {
                    return null;
                }
                String value = new String(in.readNBytes(length), StandardCharsets.UTF_8);
                line(in);
                return value;
            }
            case '*': {
                int count = Integer.parseInt(line);
                List<Object> values = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    values.add(read(in, command));
                }
                return values;
            }
            default:
                throw new IOException("Not a Redis reply: " + (char) type + line);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int next = in.read(); next != '\r'; next = in.read()) {
            if (next < 0) {
                throw new IOException("Connection closed in a reply");
            }
            line.write(next);
        }
        in.read();
        return line.toString(StandardCharsets.UTF_8);
    }

    private static String abbreviated(String command) {
        return command.length() <= 80 ? command : command.substring(0, 80) + "…";
    }
}
