package dev.exactlyonce.chaos.topology;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.exactlyonce.localinfra.EmbeddedServers;

/**
 * A TCP proxy in front of one bank-service replica, where the network's faults are made: a reply lost
 * after the bank committed (the connection is cut as the reply's first bytes arrive, so the caller sees a
 * broken connection and cannot know the outcome), a reply held back, and a replica that refuses
 * connections because it is down.
 */
public final class FaultyProxy implements AutoCloseable {

    private final int port = EmbeddedServers.freePort();

    private final int upstreamPort;

    private final ExecutorService pumps = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "proxy-pump");
        thread.setDaemon(true);
        return thread;
    });

    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    private final AtomicInteger repliesToDrop = new AtomicInteger();

    private final AtomicLong delayMillis = new AtomicLong();

    private final AtomicLong delayUntilNanos = new AtomicLong();

    private final AtomicInteger repliesDropped = new AtomicInteger();

    private volatile ServerSocket listener;

    FaultyProxy(int upstreamPort) {
        this.upstreamPort = upstreamPort;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Listens (again): new connections are accepted and forwarded. */
    public synchronized void accept() {
        if (listener != null) {
            return;
        }
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
            listener = socket;
        } catch (IOException ex) {
            throw new UncheckedIOException("Proxy could not listen on " + port, ex);
        }
        ServerSocket current = listener;
        pumps.execute(() -> acceptLoop(current));
    }

    /**
     * Stops listening and cuts every open connection, as a dead replica would: new connections are
     * refused, so the gateway sees a connect failure and may try the other replica.
     */
    public synchronized void refuse() {
        ServerSocket socket = listener;
        listener = null;
        closeQuietly(socket);
        open.forEach(FaultyProxy::closeQuietly);
        open.clear();
    }

    /** The next {@code count} replies to POST requests are lost: each connection is cut as its reply starts. */
    public void dropReplies(int count) {
        repliesToDrop.addAndGet(count);
    }

    /** Every reply starting within the next {@code forMillis} is held back {@code millis} first. */
    public void delayReplies(long millis, long forMillis) {
        delayMillis.set(millis);
        delayUntilNanos.set(System.nanoTime() + forMillis * 1_000_000);
    }

    /** Ends every fault still armed. */
    public void heal() {
        repliesToDrop.set(0);
        delayUntilNanos.set(System.nanoTime());
    }

    public int repliesDropped() {
        return repliesDropped.get();
    }

    @Override
    public void close() {
        refuse();
        pumps.shutdownNow();
    }

    private void acceptLoop(ServerSocket socket) {
        while (!socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException closed) {
                return;
            }
            pumps.execute(() -> connect(client));
        }
    }

    private void connect(Socket client) {
        Socket upstream = new Socket();
        try {
            upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort), 2000);
            upstream.setTcpNoDelay(true);
            client.setTcpNoDelay(true);
        } catch (IOException refused) {
            resetQuietly(client);
            closeQuietly(upstream);
            return;
        }
        open.add(client);
        open.add(upstream);
        Exchange exchange = new Exchange();
        pumps.execute(() -> pump(client, upstream, exchange, true));
        pump(upstream, client, exchange, false);
    }

    /** What the two directions of one connection tell each other. */
    private static final class Exchange {
        volatile boolean awaitingReply;
        volatile boolean lastRequestWasPost;
    }

    private void pump(Socket from, Socket to, Exchange exchange, boolean requests) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
                if (requests) {
                    if (!exchange.awaitingReply) {
                        exchange.lastRequestWasPost = read >= 5 && buffer[0] == 'P' && buffer[1] == 'O'
                                && buffer[2] == 'S' && buffer[3] == 'T' && buffer[4] == ' ';
                    }
                    exchange.awaitingReply = true;
                } else if (exchange.awaitingReply) {
                    exchange.awaitingReply = false;
                    if (exchange.lastRequestWasPost && takeOne(repliesToDrop)) {
                        repliesDropped.incrementAndGet();
                        resetQuietly(to);
                        closeQuietly(from);
                        return;
                    }
                    long delay = System.nanoTime() < delayUntilNanos.get() ? delayMillis.get() : 0;
                    if (delay > 0) {
                        Thread.sleep(delay);
                    }
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException | InterruptedException connectionOver) {
            // One side closed or was cut: close the other.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static boolean takeOne(AtomicInteger counter) {
        return counter.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    /** Closes with RST, so the peer sees a reset rather than a tidy end of stream. */
    private static void resetQuietly(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException ignored) {
            // Closing anyway.
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // Already closed.
            }
        }
    }
}
