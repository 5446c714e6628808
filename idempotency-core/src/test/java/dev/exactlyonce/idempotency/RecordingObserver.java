package dev.exactlyonce.idempotency;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Remembers what the state machine reported. */
final class RecordingObserver implements IdempotencyObserver {

    final List<RequestOutcome> outcomes = new CopyOnWriteArrayList<>();
    final List<Renewal> renewals = new CopyOnWriteArrayList<>();
    final List<Integer> stored = new CopyOnWriteArrayList<>();
    final List<Ending> endings = new CopyOnWriteArrayList<>();

    @Override
    public void requestAnswered(RecordId id, RequestOutcome outcome) {
        outcomes.add(outcome);
    }

    @Override
    public void leaseRenewal(Renewal result) {
        renewals.add(result);
    }

    @Override
    public void executionEnded(Ending ending) {
        endings.add(ending);
    }

    @Override
    public void responseStored(int bytes) {
        stored.add(bytes);
    }
}
