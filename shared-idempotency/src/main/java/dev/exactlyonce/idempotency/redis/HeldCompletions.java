package dev.exactlyonce.idempotency.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;

import dev.exactlyonce.idempotency.Ownership;
import dev.exactlyonce.idempotency.RecordId;

/**
 * Completions held back for at most a window so that each rides along with the next claim's round
 * trip instead of paying for its own. On a busy service almost every completion is carried by a claim;
 * the timer writes the rest when the window closes.
 *
 * <p>A completion is <em>waiting</em> until a sender takes it, then <em>unconfirmed</em> until Redis
 * has answered. A claim takes every waiting completion and sends them before itself, so the same
 * service replays a key it has just answered instead of calling it in use; when another sender holds
 * the key's completion, the claim waits for that answer first.
 */
final class HeldCompletions implements AutoCloseable {

    /** How long a claim waits for another sender's write of the same key before it asks anyway. */
    private static final long AWAIT_OTHER_SENDER_MILLIS = 5_000;

    private final long windowNanos;
    private final Consumer<List<Completion>> sendAlone;
    private final Queue<Completion> waiting = new ConcurrentLinkedQueue<>();
    private final Map<RecordId, Completion> unconfirmed = new ConcurrentHashMap<>();
    private final AtomicBoolean timerSet = new AtomicBoolean();
    private final ScheduledExecutorService timer;

    /**
     * @param sendAlone writes completions that no claim carried, and settles their results
     */
    HeldCompletions(Duration window, Consumer<List<Completion>> sendAlone) {
        this.windowNanos = window.toNanos();
        this.sendAlone = sendAlone;
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "idempotency-completions");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Holds a completion back; its result settles once Redis has answered.
     *
     * @param slot the Redis Cluster slot of the record's key; any constant where Redis is no cluster
     */
    CompletableFuture<Ownership> hold(RecordId id, byte[][] keyAndArgs, int slot) {
        Completion completion = new Completion(id, keyAndArgs, slot, new CompletableFuture<>(), System.nanoTime());
        unconfirmed.put(id, completion);
        waiting.add(completion);
        setTimer(windowNanos);
        return completion.result();
    }

    /**
     * The waiting completions that {@code wanted} accepts, in the order they were held; each is taken by one
     * caller only. On a Redis Cluster a claim can carry only the completions of its own slot.
     */
    List<Completion> takeWaiting(Predicate<Completion> wanted) {
        List<Completion> taken = new ArrayList<>();
        for (Completion next : waiting) {
            // Taken only if still there: another claim or the timer may have taken it since the iterator saw it.
            if (wanted.test(next) && waiting.remove(next)) {
                taken.add(next);
            }
        }
        return taken;
    }

    /** Every waiting completion, in the order they were held; each is taken by one caller only. */
    List<Completion> takeWaiting() {
        List<Completion> taken = new ArrayList<>();
        for (Completion next = waiting.poll(); next != null; next = waiting.poll()) {
            taken.add(next);
        }
        return taken;
    }

    /**
     * Before a claim of {@code id}: when another sender is writing this key's completion, waits until
     * Redis has answered it, so the claim sees the completed record rather than the PENDING one.
     */
    void awaitOtherSender(RecordId id, List<Completion> carried) {
        Completion other = unconfirmed.get(id);
        if (other == null || carried.contains(other)) {
            return;
        }
        try {
            other.result().get(AWAIT_OTHER_SENDER_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException ex) {
            // That write failed or hangs: the claim finds the record PENDING and answers "in use".
        }
    }

    /** Settles a completion with Redis's answer. */
    void settle(Completion completion, Ownership found) {
        unconfirmed.remove(completion.id(), completion);
        completion.result().complete(found);
    }

    /** Settles a completion whose write failed; the record stays PENDING until its lease expires. */
    void fail(Completion completion, RuntimeException failure) {
        unconfirmed.remove(completion.id(), completion);
        completion.result().completeExceptionally(failure);
    }

    /** Writes whatever still waits, then stops the timer. */
    @Override
    public void close() {
        timer.shutdownNow();
        List<Completion> taken = takeWaiting();
        if (!taken.isEmpty()) {
            sendAlone.accept(taken);
        }
    }

    /**
     * Writes the completions that have waited their whole window and sets the timer for the oldest of
     * the rest, so a timer set for an earlier completion never cuts short a later one's chance to ride
     * along with a claim.
     */
    private void sendDue() {
        // Cleared first: a completion held from now on sets a new timer rather than being missed.
        timerSet.set(false);
        List<Completion> due = new ArrayList<>();
        long now = System.nanoTime();
        for (Completion head = waiting.peek(); head != null && now - head.heldAt() >= windowNanos; head = waiting.peek()) {
            // remove, not poll: a claim may have taken this head since the peek, and poll would take the next.
            if (waiting.remove(head)) {
                due.add(head);
            }
        }
        if (!due.isEmpty()) {
            sendAlone.accept(due);
        }
        Completion next = waiting.peek();
        if (next != null) {
            setTimer(windowNanos - (System.nanoTime() - next.heldAt()));
        }
    }

    private void setTimer(long delayNanos) {
        if (timerSet.compareAndSet(false, true)) {
            try {
                timer.schedule(this::sendDue, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException ex) {
                // Closed already (the application is stopping): no timer will come, so write them now, and
                // let the next completion try again rather than wait for a timer that was never set.
                timerSet.set(false);
                close();
            }
        }
    }

    /**
     * One held completion: the key and arguments of the complete script, the Redis Cluster slot of that key
     * (computed once, by the store, on a cluster only: there every claim compares it with its own), its eventual
     * answer, and when it was held ({@link System#nanoTime}).
     */
    record Completion(RecordId id, byte[][] keyAndArgs, int slot, CompletableFuture<Ownership> result, long heldAt) {
    }
}
