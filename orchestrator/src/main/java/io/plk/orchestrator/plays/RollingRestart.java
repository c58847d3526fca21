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

    /** @param facts each target's agent facts, whose config hash goes into the journal */
    void run(List<BrokerPlan> targets, String why, Map<BrokerPlan, AgentResult> facts) throws IOException {
        Map<BrokerPlan, String> configHashes = new LinkedHashMap<>();
        targets.forEach(b -> configHashes.put(b, String.valueOf(facts.get(b).facts().get("configHash"))));
        report.task("rolling restart (" + why + ")");
        var plan = agents.requests().plan();
        RollJournal journal = RollJournal.open(plan.inventory().file(), plan.clusterName());
        List<BrokerPlan> remaining = new ArrayList<>();
        for (BrokerPlan broker : targets) {
            if (journal.alreadyRestarted(broker.nodeId(), configHashes.get(broker))) {
                report.step(broker.label(), Status.OK, "already restarted with this config by the interrupted run");
            } else {
                remaining.add(broker);
            }
        }
        while (!remaining.isEmpty()) {
            BrokerPlan next = remaining.get(0);
            HealthView health = awaitCanRestart(next);
            if (health.quorumLeader() == next.nodeId() && remaining.size() > 1) {
                // the active controller goes last: its restart forces an election
                next = remaining.get(1);
                health = awaitCanRestart(next);
            }
            journal.record(next.nodeId(), configHashes.get(next), restart(next, health));
            remaining.remove(next);
        }
        journal.complete();
    }

    private Map<String, Long> restart(BrokerPlan broker, HealthView before) throws IOException {
        Map<String, Long> phases = new LinkedHashMap<>();
        long t1 = System.nanoTime();
        phases.put("waitCanRestartMs", before.waitedMs());
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
        long started = System.nanoTime();
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
        return health.waited(ms(System.nanoTime() - started));
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

    private static void expect(BrokerPlan broker, String step, AgentResult result) {
        if (result.isFailed()) {
            throw new PlayFailedException(broker.label(), step, result.msg());
        }
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
