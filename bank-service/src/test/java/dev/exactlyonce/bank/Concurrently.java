package dev.exactlyonce.bank;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Sends many requests at once: every sender waits at one gate, so they hit the service together. */
public final class Concurrently {

    private Concurrently() {
    }

    /** Runs {@code count} requests from up to 50 threads released together, and returns every reply. */
    public static List<BankHttp.Reply> send(int count, Request request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(count, 50));
        try {
            CountDownLatch gate = new CountDownLatch(1);
            List<Future<BankHttp.Reply>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    gate.await();
                    return request.send(index);
                }));
            }
            gate.countDown();
            List<BankHttp.Reply> replies = new ArrayList<>();
            for (Future<BankHttp.Reply> future : futures) {
                replies.add(future.get(120, TimeUnit.SECONDS));
            }
            return replies;
        } finally {
            pool.shutdownNow();
        }
    }

    /** One of the concurrent requests; {@code index} tells them apart. */
    @FunctionalInterface
    public interface Request {
        BankHttp.Reply send(int index) throws Exception;
    }
}
