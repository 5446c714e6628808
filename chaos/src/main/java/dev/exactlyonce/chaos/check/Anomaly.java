package dev.exactlyonce.chaos.check;

/** One broken invariant, with enough detail to find the rows involved. */
public record Anomaly(AnomalyKind kind, String detail) {
}
