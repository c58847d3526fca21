package io.plk.orchestrator.plays;

import io.plk.orchestrator.plan.BrokerPlan;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * The waits around a node's start, with backoff up to the gate limit: a health answer (asked again when a broker
 * between stop and start cannot give one), and the node back (registered, caught up, in sync). A wait that cannot
 * end well (a voter cut off from the leader) stops at once with the quorum's state.
 */
final class HealthWaits {
    private final RollingRestart.Agents agents;
    private final Report report;
    private final Duration gateLimit;

    HealthWaits(RollingRestart.Agents agents, Report report, Duration gateLimit) {
        this.agents = agents;
        this.report = report;
        this.gateLimit = gateLimit;
    }

    Duration limit() {
        return gateLimit;
    }

    /**
     * @param underReplicatedBefore under-replication the cluster had before, which the node need not repair
     * @param state                 what the user is told holds when the wait gives up
     */
    void awaitBack(BrokerPlan node, long underReplicatedBefore, Long startedAtMs, String state) throws IOException {
        Backoff backoff = new Backoff(gateLimit);
        while (true) {
            HealthView health = health(node, startedAtMs);
            List<String> waitingFor = health.notBackYet(node, underReplicatedBefore);
            if (waitingFor.isEmpty()) {
                return;
            }
            failIfHopeless(node, "catch-up", health, state);
            if (!backoff.pause()) {
                throw new GateBlockedException(node.label(), "catch-up", "not back after " + gateLimit.toSeconds()
                        + " s: " + String.join("; ", waitingFor) + ". " + state);
            }
        }
    }

    static void failIfHopeless(BrokerPlan node, String gate, HealthView health, String state) {
        if (!health.canRecover()) {
            throw new GateBlockedException(node.label(), gate, String.join("; ", health.facts().canRecoverReasons())
                    + ". " + state);
        }
    }

    HealthView health(BrokerPlan subject, Long restartedAtMs) throws IOException {
        Backoff backoff = new Backoff(gateLimit);
        while (true) {
            try {
                return agents.health(subject, restartedAtMs);
            } catch (PlayFailedException e) {
                report.info("  health of " + subject.label() + " unavailable, asking again: " + e.getMessage());
                if (!backoff.pause()) {
                    throw e;
                }
            }
        }
    }
}
