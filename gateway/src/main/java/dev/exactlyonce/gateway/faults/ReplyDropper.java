package dev.exactlyonce.gateway.faults;

import java.util.concurrent.atomic.AtomicInteger;

/** How many of the next successful upstream replies are to be dropped. */
class ReplyDropper {

    static final int MAX_PENDING = 1000;

    private final AtomicInteger pending = new AtomicInteger();

    /** Drops the next {@code count} successful replies, replacing any drops still pending. */
    void arm(int count) {
        if (count < 0 || count > MAX_PENDING) {
            throw new IllegalArgumentException("count must be between 0 and " + MAX_PENDING + ", not " + count);
        }
        pending.set(count);
    }

    int pending() {
        return pending.get();
    }

    /** Takes one pending drop, if there is one; exactly one caller gets each. */
    boolean takeOne() {
        return pending.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }
}
