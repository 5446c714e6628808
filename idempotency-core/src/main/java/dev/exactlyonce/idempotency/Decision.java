package dev.exactlyonce.idempotency;

import java.time.Duration;
import java.util.Objects;

/** What to do with a request that carries an Idempotency-Key. */
public sealed interface Decision {

    /**
     * Run the handler under the given execution, then complete or release it.
     *
     * @param execution holds the record's lease while the handler runs
     */
    record Execute(Execution execution) implements Decision {

        public Execute {
            Objects.requireNonNull(execution, "execution");
        }
    }

    /**
     * Answer with the stored response; the handler does not run.
     *
     * @param response the first execution's response
     */
    record Replay(StoredResponse response) implements Decision {

        public Replay {
            Objects.requireNonNull(response, "response");
        }
    }

    /**
     * Another execution of this key is running: answer 409 and tell the client when to try again.
     *
     * @param retryAfter how long executions recently took in this process, at most as long as the running
     *        execution's lease still holds
     */
    record Conflict(Duration retryAfter) implements Decision {

        public Conflict {
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }

    /** The key was used for a different request: answer 422. */
    record Mismatch() implements Decision {
    }

    /**
     * The client acknowledged this key's reply earlier, and it was discarded: refuse without running the
     * handler and without storing anything.
     *
     * @param watermark every sequence of the key's session below it is acknowledged
     */
    record BelowWatermark(long watermark) implements Decision {
    }
}
