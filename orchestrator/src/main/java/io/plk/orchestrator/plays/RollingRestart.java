package io.plk.orchestrator.plays;

import io.plk.agent.protocol.AgentResult;
import io.plk.agent.protocol.Status;
import io.plk.orchestrator.plan.BrokerPlan;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Restarts brokers one at a time: others before the active controller, each only when stopping it
 * keeps every partition at min ISR and the quorum's majority caught up, and the next only once the
 * restarted one is registered, caught up and back to the under-replication it had before.
 */
final class RollingRestart {
    private final BrokerAgents agents;
    private final Report report;
    private final Duration gateLimit;

    RollingRestart(BrokerAgents agents, Report report, Duration gateLimit) {
        this.agents = agents;
        this.report = report;
        this.gateLimit = gateLimit;
    }

    void run(List<BrokerPlan> targets, String why) throws IOException {
        report.task("rolling restart (" + why + ")");
        var plan = agents.requests().plan();
        RollJournal journal = RollJournal.open(plan.inventory().file(), plan.clusterName());
        Map<BrokerPlan, String> hashes = configHashes(targets);
        List<BrokerPlan> remaining = new ArrayList<>();
        for (BrokerPlan broker : targets) {
            if (journal.alreadyRestarted(broker.nodeId(), hashes.get(broker))) {
                report.step(broker.label(), Status.OK, "already restarted with this config by the interrupted run");
            } else {
                remaining.add(broker);
            }
        }
        while (!remaining.isEmpty()) {
            BrokerPlan next = nextOf(remaining);
            journal.record(next.nodeId(), hashes.get(next), restart(next));
            remaining.remove(next);
        }
        journal.complete();
    }

    /** Anyone but the active controller while others remain: its restart forces an election. */
    private BrokerPlan nextOf(List<BrokerPlan> remaining) throws IOException {
        if (remaining.size() == 1) {
            return remaining.get(0);
        }
        int leader = agents.healthFromAnyone(remaining.get(0)).quorumLeader();
        return remaining.stream().filter(b -> b.nodeId() != leader).findFirst().orElse(remaining.get(0));
    }

    private Map<String, Long> restart(BrokerPlan broker) throws IOException {
        Map<String, Long> phases = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        HealthView before = awaitCanRestart(broker);
        long t1 = System.nanoTime();
        phases.put("waitCanRestartMs", ms(t1 - t0));
        expect(broker, "stop", agents.run(broker, "stop"));
        long t2 = System.nanoTime();
        phases.put("stopMs", ms(t2 - t1));
        expect(broker, "start", agents.run(broker, "start"));
        long t3 = System.nanoTime();
        phases.put("startToRegisteredMs", ms(t3 - t2));
        awaitCaughtUp(broker, before.underReplicated());
        phases.put("catchUpMs", ms(System.nanoTime() - t3));
        report.step(broker.label(), Status.CHANGED, "restarted " + phases);
        return phases;
    }

    private HealthView awaitCanRestart(BrokerPlan broker) throws IOException {
        Backoff backoff = new Backoff(gateLimit);
        HealthView health = agents.healthFromAnyone(broker);
        while (!health.canRestart()) {
            report.info("  waiting: " + broker.label() + " cannot restart yet: "
                    + String.join("; ", health.reasons("canRestartReasons")));
            if (!backoff.pause()) {
                throw new PlayFailedException(broker.label(), "restart gate", "still unsafe after "
                        + gateLimit.toSeconds() + " s: " + String.join("; ", health.reasons("canRestartReasons"))
                        + ". Nothing was stopped; fix the cluster and re-run");
            }
            health = agents.healthFromAnyone(broker);
        }
        return health;
    }

    private void awaitCaughtUp(BrokerPlan broker, long underReplicatedBefore) throws IOException {
        Backoff backoff = new Backoff(gateLimit);
        while (true) {
            HealthView health = agents.health(broker, broker);
            if (health.registered() && health.caughtUp() && health.underReplicated() <= underReplicatedBefore) {
                return;
            }
            if (!backoff.pause()) {
                throw new PlayFailedException(broker.label(), "catch-up", "not caught up after "
                        + gateLimit.toSeconds() + " s: registered=" + health.registered() + ", "
                        + String.join("; ", health.reasons("caughtUpReasons")) + ", under-replicated partitions "
                        + health.underReplicated() + " (before: " + underReplicatedBefore + ")");
            }
        }
    }

    private Map<BrokerPlan, String> configHashes(List<BrokerPlan> targets) throws IOException {
        Map<BrokerPlan, String> hashes = new LinkedHashMap<>();
        for (BrokerPlan broker : targets) {
            Object hash = agents.run(broker, "facts").facts().get("configHash");
            hashes.put(broker, hash == null ? null : hash.toString());
        }
        return hashes;
    }

    private static void expect(BrokerPlan broker, String step, AgentResult result) {
        if (result.isFailed()) {
            throw new PlayFailedException(broker.label(), step, result.msg());
        }
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
