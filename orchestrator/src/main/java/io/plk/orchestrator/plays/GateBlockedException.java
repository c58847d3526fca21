package io.plk.orchestrator.plays;

/**
 * A safety gate never turned green, or cannot: the operation stopped before doing anything unsafe.
 * Its own exit code (3), so that automation can tell "blocked" from "failed".
 */
public final class GateBlockedException extends PlayFailedException {
    public GateBlockedException(String host, String gate, String message) {
        super(host + " blocked at " + gate + ": " + message);
    }

    /** Several hosts blocked at once, each line already saying where and why. */
    GateBlockedException(String lines) {
        super(lines);
    }
}
