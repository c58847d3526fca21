package io.plk.orchestrator.plays;

import java.time.Duration;

/** Polling delays that grow from 250 ms to 5 s, within an overall limit: no fixed sleeps. */
final class Backoff {
    private final long deadline;
    private long delayMs = 250;

    Backoff(Duration limit) {
        this.deadline = System.nanoTime() + limit.toNanos();
    }

    /** Waits before the next attempt; false when the limit is reached. */
    boolean pause() {
        if (System.nanoTime() + delayMs * 1_000_000 > deadline) {
            return false;
        }
        try {
            Thread.sleep(delayMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        delayMs = Math.min(5000, delayMs * 2);
        return true;
    }
}
