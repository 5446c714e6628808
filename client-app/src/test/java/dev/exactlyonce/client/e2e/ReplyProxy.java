package dev.exactlyonce.client.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real TCP proxy in front of the bank that loses replies on purpose. Each client connection carries one
 * request: the proxy forwards it with {@code Connection: close}, reads the bank's whole reply (so the bank
 * has committed by then), and then, for a POST with an Idempotency-Key (a money movement or an account
 * opening), forwards, drops (connection reset) or holds that reply as told. Every request it saw is recorded with its Idempotency-Key,
 * and every reply the bank gave to one with a key is recorded with its status, whether it reached the client or not.
 */
final class ReplyProxy implements AutoCloseable {

    /** What happens to the reply of a POST with an Idempotency-Key (a money movement or an account opening). */
    enum Mode {
        /** Forward every reply. */
        PASS,
        /** Reset the connection instead of forwarding the next reply, then pass. */
        DROP_NEXT_REPLY,
        /** Keep every reply until {@link #release()}: the client waits as if the network were stuck. */
        HOLD_REPLIES
    }

    /** A request as the proxy forwarded it. */
    record Seen(String method, String path, String idempotencyKey) {
    }

    /** The bank's reply to a request with an Idempotency-Key. */
    record Answered(String idempotencyKey, int status) {
    }

    private final ServerSocket server;

    private final int upstreamPort;

    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    private final List<Answered> answered = new CopyOnWriteArrayList<>();

    private final AtomicInteger repliesHeld = new AtomicInteger();

    private final AtomicInteger repliesDropped = new AtomicInteger();

    private volatile Mode mode = Mode.PASS;

    private volatile CountDownLatch release = new CountDownLatch(1);

    ReplyProxy(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "reply-proxy-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    void mode(Mode mode) {
        this.mode = mode;
    }

    /** Lets every held reply go, and passes from now on. */
    void release() {
        mode = Mode.PASS;
        release.countDown();
        release = new CountDownLatch(1);
    }

    List<Seen> moneyRequests() {
        return seen.stream().filter(request -> request.idempotencyKey() != null).toList();
    }

    /** The bank's replies to requests with an Idempotency-Key, in the order they came back. */
    List<Answered> answers() {
        return List.copyOf(answered);
    }

    int repliesHeld() {
        return repliesHeld.get();
    }

    int repliesDropped() {
        return repliesDropped.get();
    }

    @Override
    public void close() throws IOException {
        release();
        server.close();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread handler = new Thread(() -> handle(client), "reply-proxy-connection");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void handle(Socket client) {
        try (client; Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
            InputStream in = client.getInputStream();
            String head = readHead(in);
            if (head == null) {
                return;
            }
            List<String> lines = List.of(head.split("\r\n"));
            String[] requestLine = lines.get(0).split(" ");
            int contentLength = 0;
            String key = null;
            StringBuilder forwarded = new StringBuilder(lines.get(0)).append("\r\n");
            for (String line : lines.subList(1, lines.size())) {
                String name = line.substring(0, Math.max(0, line.indexOf(':'))).trim().toLowerCase(Locale.ROOT);
                String value = line.substring(line.indexOf(':') + 1).trim();
                switch (name) {
                    case "content-length" -> contentLength = Integer.parseInt(value);
                    case "idempotency-key" -> key = value;
                    default -> { }
                }
                if (!name.equals("connection") && !name.equals("keep-alive")) {
                    forwarded.append(line).append("\r\n");
                }
            }
            forwarded.append("Connection: close\r\n\r\n");
            byte[] body = in.readNBytes(contentLength);
            boolean money = "POST".equals(requestLine[0]) && key != null;
            seen.add(new Seen(requestLine[0], requestLine[1], key));

            OutputStream toBank = upstream.getOutputStream();
            toBank.write(forwarded.toString().getBytes(StandardCharsets.ISO_8859_1));
            toBank.write(body);
            toBank.flush();
            byte[] reply = upstream.getInputStream().readAllBytes();
            if (key != null) {
                answered.add(new Answered(key, status(reply)));
            }

            if (money && mode == Mode.DROP_NEXT_REPLY) {
                mode = Mode.PASS;
                repliesDropped.incrementAndGet();
                client.setSoLinger(true, 0);
                return;
            }
            if (money && mode == Mode.HOLD_REPLIES) {
                CountDownLatch held = release;
                repliesHeld.incrementAndGet();
                held.await(5, TimeUnit.MINUTES);
            }
            client.getOutputStream().write(reply);
            client.getOutputStream().flush();
        } catch (IOException | RuntimeException gone) {
            // The client went away (it may have been killed): nothing to forward to.
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** The status code of an HTTP/1.1 reply ("HTTP/1.1 201 Created"); 0 when there is none. */
    private static int status(byte[] reply) {
        String text = new String(reply, 0, Math.min(reply.length, 64), StandardCharsets.ISO_8859_1);
        String[] parts = text.split(" ", 3);
        return parts.length > 1 && parts[1].matches("\\d{3}") ? Integer.parseInt(parts[1]) : 0;
    }

    /** Reads up to and including the blank line after the headers; {@code null} if the client closed first. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            matched = switch (matched) {
                case 0, 2 -> b == '\r' ? matched + 1 : 0;
                case 1, 3 -> b == '\n' ? matched + 1 : (b == '\r' ? 1 : 0);
                default -> 0;
            };
            if (matched == 4) {
                String text = head.toString(StandardCharsets.ISO_8859_1);
                return text.substring(0, text.length() - 4);
            }
        }
        return null;
    }
}
