package dev.exactlyonce.client.operation;

import java.time.Instant;

/**
 * One attempt at sending an operation to the bank.
 *
 * @param number 1 for the first attempt, counting on across resumptions
 * @param at when it was sent
 * @param httpStatus the reply's status; {@code null} when no reply could be read (or none has come yet)
 * @param error what went wrong; {@code null} when the bank answered definitely
 * @param replayed whether the bank said the reply was the stored outcome of an earlier attempt
 */
public record AttemptView(int number, Instant at, Integer httpStatus, String error, boolean replayed) {
}
