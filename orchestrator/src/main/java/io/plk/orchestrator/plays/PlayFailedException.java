package io.plk.orchestrator.plays;

/** An operation stopped: which host, which step, and what the host said. Exit code 1. */
public class PlayFailedException extends RuntimeException {
    public PlayFailedException(String host, String step, String message) {
        super(host + " failed at " + step + ": " + message);
    }

    public PlayFailedException(String message) {
        super(message);
    }
}
