package dev.exactlyonce.idempotency.testapp;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** How often each handler really ran, and a gate that holds the slow handler until a test opens it. */
public final class HandlerCalls {

    private final ConcurrentHashMap<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile CountDownLatch entered = new CountDownLatch(0);

    int increment(String handler) {
        return counts.computeIfAbsent(handler, name -> new AtomicInteger()).incrementAndGet();
    }

    public int count(String handler) {
        AtomicInteger count = counts.get(handler);
        return count == null ? 0 : count.get();
    }

    /** Makes the next slow handler wait until {@link #open()}. */
    public void close() {
        gate = new CountDownLatch(1);
        entered = new CountDownLatch(1);
    }

    public void open() {
        gate.countDown();
    }

    /** Waits until a slow handler is running. */
    public boolean awaitEntered() throws InterruptedException {
        return entered.await(10, TimeUnit.SECONDS);
    }

    void holdSlow() throws InterruptedException {
        entered.countDown();
        gate.await(30, TimeUnit.SECONDS);
    }
}
