package io.plk.orchestrator.plays;

import io.plk.agent.protocol.AgentResult;
import io.plk.agent.protocol.RestartReason;
import io.plk.agent.protocol.Status;
import io.plk.orchestrator.plan.BrokerPlan;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Restarts nodes one at a time. For each node:
 * <ol>
 *   <li>read the cluster's health and pick the next node ({@link RestartOrder}): down nodes first, then the
 *       brokers, then the controller-only nodes, the metadata quorum's leader (the active controller, as read
 *       just now) last;</li>
 *   <li>wait until it may stop: no partition would fall below min ISR or lose its last in-sync replica, and
 *       the quorum keeps a caught-up majority without it; if the leader moved meanwhile, pick again;</li>
 *   <li>stop it, start it, and wait until it is up (a broker registered and unfenced, a controller-only node
 *       in the quorum);</li>
 *   <li>wait until, with data from after its start only, its voter reached the leader's high watermark,
 *       every voter is caught up, it is back in the ISR of every partition it hosts, and under-replication is
 *       back to where it was;</li>
 *   <li>record it in the journal, so that a re-run after a failure skips it.</li>
 * </ol>
 * Safety: it never stops a broker on a red gate. A gate that waiting cannot turn green (a voter cut off
 * from the leader) stops the roll at once with the quorum's state; every other gate waits, with backoff, up
 * to its limit, and then stops the roll, exit code 3, with nothing further stopped.
 */
final class RollingRestart {
    /** The agents a roll talks to: a seam, so that the order and the gates are tested without hosts. */
    interface Agents {
        /** Health as any reachable broker sees it, asked about {@code subject}. */
        HealthView health(BrokerPlan subject, Long restartedAtMs) throws IOException;

        AgentResult run(BrokerPlan broker, String command) throws IOException;

        /** The journal lives next to it. */
        Path inventoryFile();

        String clusterName();
    }

    private final Agents agents;
    private final Report report;
    private final HealthWaits waits;
    private final LoadBalancerHealth loadBalancer;

    RollingRestart(Agents agents, Report report, Duration gateLimit, LoadBalancerHealth loadBalancer) {
        this.agents = agents;
        this.report = report;
        this.waits = new HealthWaits(agents, report, gateLimit);
        this.loadBalancer = loadBalancer;
    }

    /**
     * @param why   each target's reasons to restart, carried into its step and the recap
     * @param facts each target's agent facts, whose config hash goes into the journal
     */
    void run(List<BrokerPlan> targets, Map<BrokerPlan, Set<RestartReason>> why, Map<BrokerPlan, AgentResult> facts)
            throws IOException {
        Map<BrokerPlan, String> configHashes = new LinkedHashMap<>();
        targets.forEach(b -> configHashes.put(b, String.valueOf(facts.get(b).facts().get("configHash"))));
        report.task("rolling restart (" + targets.stream().flatMap(b -> why.get(b).stream()).distinct().sorted()
                .map(String::valueOf).collect(Collectors.joining(", ")) + ")");
        RollJournal journal = RollJournal.open(agents.inventoryFile(), agents.clusterName());
        List<BrokerPlan> remaining = new ArrayList<>();
        for (BrokerPlan broker : targets) {
            if (journal.alreadyRestarted(broker.nodeId(), configHashes.get(broker))) {
                report.step(broker.label(), Status.OK, "already restarted with this config by the interrupted run");
            } else {
                remaining.add(broker);
            }
        }
        while (!remaining.isEmpty()) {
            HealthView cluster = waits.health(remaining.get(0), null);
            RestartOrder.Pick pick = RestartOrder.next(remaining, cluster);
            HealthView health = awaitCanRestart(pick.broker());
            if (!RestartOrder.next(remaining, health).broker().equals(pick.broker())) {
                continue; // the leader moved or a broker went down while the gate waited: pick again
            }
            report.info("  next: " + pick.broker().label() + ": " + pick.why());
            journal.record(pick.broker().nodeId(), configHashes.get(pick.broker()), restart(pick.broker(), health,
                    why.get(pick.broker())));
            remaining.remove(pick.broker());
        }
        journal.complete();
    }

    private Map<String, Long> restart(BrokerPlan broker, HealthView before, Set<RestartReason> why)
            throws IOException {
        Map<String, Long> phases = new LinkedHashMap<>();
        long t1 = System.nanoTime();
        phases.put("waitCanRestartMs", before.waitedMs());
        expect(broker, "stop", agents.run(broker, "stop"));
        long t2 = System.nanoTime();
        phases.put("stopMs", ms(t2 - t1));
        AgentResult started = agents.run(broker, "start");
        expect(broker, "start", started);
        long t3 = System.nanoTime();
        phases.put("startToRegisteredMs", ms(t3 - t2));
        Object startedAt = started.facts().get("startedAtMs");
        waits.awaitBack(broker, before.underReplicated(), startedAt == null ? null : ((Number) startedAt).longValue(),
                "It runs again but the roll stopped here; a re-run continues");
        phases.put("catchUpMs", ms(System.nanoTime() - t3));
        long t4 = System.nanoTime();
        loadBalancer.awaitHealthy(broker);
        phases.put("loadBalancerHealthyMs", ms(System.nanoTime() - t4));
        String because = why.stream().sorted().map(String::valueOf).collect(Collectors.joining(", "));
        report.step(broker.label(), Status.CHANGED, "restarted " + phases + ": " + because);
        report.restarted(broker.label(), because);
        return phases;
    }

    private HealthView awaitCanRestart(BrokerPlan broker) throws IOException {
        long started = System.nanoTime();
        Backoff backoff = new Backoff(waits.limit());
        HealthView health = waits.health(broker, null);
        while (!health.canRestart()) {
            HealthWaits.failIfHopeless(broker, "restart gate", health, "Nothing was stopped.");
            report.info("  waiting: " + broker.label() + " cannot restart yet: "
                    + String.join("; ", health.facts().canRestartReasons()));
            if (!backoff.pause()) {
                throw new GateBlockedException(broker.label(), "restart gate", "still unsafe after "
                        + waits.limit().toSeconds() + " s: " + String.join("; ", health.facts().canRestartReasons())
                        + ". Nothing was stopped; fix the cluster and re-run");
            }
            health = waits.health(broker, null);
        }
        return health.waited(ms(System.nanoTime() - started));
    }

    /** The reasons a node's facts give for a restart: none when it runs what is installed and configured. */
    static Set<RestartReason> reasons(AgentResult facts) {
        Object named = facts.facts() == null ? null : facts.facts().get("restartReasons");
        Set<RestartReason> reasons = EnumSet.noneOf(RestartReason.class);
        if (named instanceof List<?> names) {
            names.forEach(name -> reasons.add(RestartReason.valueOf(String.valueOf(name))));
        }
        return reasons;
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
