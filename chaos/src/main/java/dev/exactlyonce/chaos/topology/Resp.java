package dev.exactlyonce.chaos.topology;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Just enough of the Redis protocol (RESP2) for the harness: commands as arrays of bulk strings, sent alone or
 * in pipelines, replies parsed into strings, longs, lists and {@code null}. {@link RedisProcess} pings and
 * flushes through it, the server-state reader reads the key space back; no client library for a handful of
 * commands.
 */
public final class Resp implements AutoCloseable {

    private final Socket socket = new Socket();

    private final InputStream in;

    private final OutputStream out;

    public Resp(int port) throws IOException {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
        socket.setSoTimeout(30_000);
        in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
    }

    /** Sends every command, then reads one reply per command, in order. */
    public List<Object> pipeline(List<List<String>> commands) throws IOException {
        for (List<String> command : commands) {
            write(out, command);
        }
        out.flush();
        List<Object> replies = new ArrayList<>(commands.size());
        for (int i = 0; i < commands.size(); i++) {
            replies.add(read(in));
        }
        return replies;
    }

    /** One command and its reply; an error reply is an {@link IOException}. */
    public Object call(String... command) throws IOException {
        return pipeline(List.of(List.of(command))).get(0);
    }

    static void write(OutputStream out, List<String> command) throws IOException {
        StringBuilder frame = new StringBuilder().append('*').append(command.size()).append("\r\n");
        for (String argument : command) {
            byte[] bytes = argument.getBytes(StandardCharsets.ISO_8859_1);
            frame.append('$').append(bytes.length).append("\r\n").append(argument).append("\r\n");
        }
        out.write(frame.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * One reply: a simple string or bulk string as a {@link String} (bulk strings decoded as ISO-8859-1, so
     * every byte survives), an integer as a {@link Long}, an array as a {@link List}, a nil as {@code null}.
     *
     * @throws IOException on an error reply or a broken stream
     */
    static Object read(InputStream in) throws IOException {
        int type = in.read();
        String line = line(in);
        return switch (type) {
            case '+' -> line;
            case '-' -> throw new IOException("Redis answered " + line);
            case ':' -> Long.parseLong(line);
            case '$' -> {
                int length = Integer.parseInt(line);
                if (length < 0) {
                    yield null;
                }
                byte[] bytes = in.readNBytes(length);
                if (bytes.length != length || in.read() != '\r' || in.read() != '\n') {
                    throw new IOException("Redis's bulk string of " + length + " bytes was cut off");
                }
                yield new String(bytes, StandardCharsets.ISO_8859_1);
            }
            case '*' -> {
                int count = Integer.parseInt(line);
                if (count < 0) {
                    yield null;
                }
                List<Object> items = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    items.add(read(in));
                }
                yield items;
            }
            case -1 -> throw new IOException("Redis closed the connection");
            default -> throw new IOException("Not a RESP reply: '" + (char) type + line + "'");
        };
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\r'; b = in.read()) {
            if (b == -1) {
                throw new IOException("Redis closed the connection mid-reply");
            }
            line.append((char) b);
        }
        if (in.read() != '\n') {
            throw new IOException("A RESP line did not end with CRLF");
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
