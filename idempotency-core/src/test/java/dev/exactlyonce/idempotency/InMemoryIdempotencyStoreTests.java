package dev.exactlyonce.idempotency;

import java.time.Duration;

class InMemoryIdempotencyStoreTests extends IdempotencyStoreContract {

    private final InMemoryIdempotencyStore store = new InMemoryIdempotencyStore();

    @Override
    protected IdempotencyStore store() {
        return store;
    }

    @Override
    protected void leaseElapses(Duration lease) {
        store.advance(lease.plusMillis(1));
    }

    @Override
    protected boolean holdsRecord(RecordId id) {
        return store.holds(id);
    }

    @Override
    protected void storeLosesItsRecords() {
        store.flush();
    }
}
