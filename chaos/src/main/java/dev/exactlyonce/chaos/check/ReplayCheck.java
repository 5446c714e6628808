package dev.exactlyonce.chaos.check;

/**
 * One operation sent again with its key after the run, against the first definite answer it got.
 *
 * @param replayedHeader whether the second answer carried {@code Idempotent-Replayed: true}
 */
public record ReplayCheck(String tag, int firstStatus, byte[] firstBody, int replayStatus, byte[] replayBody,
        boolean replayedHeader) {
}
