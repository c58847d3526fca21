package io.plk.orchestrator.plays;

import io.plk.agent.protocol.AgentResult;
import io.plk.agent.protocol.RestartReason;
import io.plk.orchestrator.kafka.ExternalProtocolSwitch;
import io.plk.orchestrator.plan.BrokerPlan;
import io.plk.orchestrator.plan.NodeChanges;
import io.plk.orchestrator.plan.Plan;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The runbook's host half as one play: stage -> fetch -> install, configure -> format (a new
 * cluster only) -> start the stopped brokers, restart one by one the running ones whose config
 * changed. (For a running cluster with {@code existing:}: patch -> restart one by one.)
 */
public final class ApplyPlay {
    private final Report report;
    private final Duration gateLimit;
    private final ApplyOptions options;

    public ApplyPlay(Report report, Duration gateLimit, ApplyOptions options) {
        this.report = report;
        this.gateLimit = gateLimit;
        this.options = options;
    }

    /** @return the plan as applied (with the cluster id resolved) */
    public Plan run(Plan asLoaded, Fleet fleet) throws IOException {
        Plan plan = PublishedChecksum.resolve(asLoaded, report);
        NodeChanges changes = MembershipGate.admit(plan, options.allowPortChange(), false);
        new ArtifactDelivery(report).deliver(plan, fleet);
        if (plan.inventory().existing().isPresent()) {
            Plan exposed = exposeRunning(plan, fleet);
            AppliedNodes.write(exposed);
            return exposed;
        }
        Plan resolved = plan;
        if (plan.clusterId().isEmpty()) {
            BrokerAgents probe = new BrokerAgents(fleet, new BrokerRequests(plan));
            report.task("facts");
            resolved = ClusterIdentity.resolve(plan, fleet.each(plan.brokers(), b -> probe.run(b, "facts")), report);
        }
        BrokerAgents agents = new BrokerAgents(fleet, new BrokerRequests(resolved));
        report.task("install, configure");
        Map<BrokerPlan, AgentResult> facts = fleet.each(resolved.brokers(), broker -> reportSteps(broker,
                agents.run(broker, "converge", agents.requests().converge(broker, false))));
        ClusterIdentity.check(resolved, facts);
        Map<BrokerPlan, AgentResult> others = replaceBroker(resolved, agents, facts);
        formatUnformatted(fleet, agents, others, changes);
        startStopped(fleet, agents, others);
        addJoiningVoters(agents, changes);
        List<BrokerPlan> restarted = restartStale(agents, others);
        ensureUsers(resolved, agents);
        featureLevels(resolved, agents, others, restarted);
        AppliedNodes.write(resolved);
        return resolved;
    }

    /** @return the facts of every node but the replaced one, which is back by now */
    private Map<BrokerPlan, AgentResult> replaceBroker(Plan plan, BrokerAgents agents,
                                                        Map<BrokerPlan, AgentResult> facts) throws IOException {
        if (options.replaceBroker().isEmpty()) {
            return facts;
        }
        BrokerPlan node = ReplaceBrokerPlay.target(plan, options.replaceBroker().getAsInt());
        new ReplaceBrokerPlay(report, gateLimit).run(plan, agents, node, facts.get(node));
        Map<BrokerPlan, AgentResult> others = new LinkedHashMap<>(facts);
        others.remove(node);
        return others;
    }

    /** The SCRAM users of EXTERNAL and their ACLs, through one broker. */
    private void ensureUsers(Plan plan, BrokerAgents agents) throws IOException {
        if (!plan.externalAuth().enabled()) {
            report.info("EXTERNAL is unauthenticated (privateLink.auth.mechanism: none): whatever reaches the "
                    + "endpoint service reads and writes every topic");
            report.info(plan.changefeedSink().summary());
            return;
        }
        report.task("users (" + plan.externalAuth().mechanism() + " on EXTERNAL" + (plan.externalAuth().authorizer()
                ? ", with their ACLs)" : ", no authorizer: every user reaches every topic)"));
        if (plan.kafkaVersion().filter(v -> v.major() >= 4).isPresent()) {
            // seen in the lab: Debian bookworm's kcat (librdkafka 2.0.2) is refused by 4.1.1 with the right password
            report.info("Kafka 4.x checks the SCRAM nonce strictly: clients on librdkafka before 2.6.1 (kcat,"
                    + " confluent-kafka before 2.6.1) are refused with the right password (librdkafka#4895)");
        }
        BrokerPlan broker = plan.brokerNodes().get(0);
        UsersStep users = new UsersStep(agents, options.removeUsers());
        AgentResult result = users.run(broker, false);
        report.step(broker.label(), result.status(), "users: " + result.msg());
        if (result.isFailed()) {
            throw new PlayFailedException(broker.label(), "users", result.msg());
        }
        users.changes(result).forEach(line -> report.info("  " + line));
        users.unlistedWarning(result).ifPresent(warning -> report.info("  " + warning));
        report.info(plan.changefeedSink().summary());
    }

    /**
     * The runbook's "Reconfigure a running Kafka cluster": add the EXTERNAL listener to each live
     * config (nothing else changes), then restart the brokers one by one with the cluster's own
     * start and stop commands.
     */
    private Plan exposeRunning(Plan plan, Fleet fleet) throws IOException {
        BrokerAgents agents = new BrokerAgents(fleet, new BrokerRequests(plan));
        report.task("add the EXTERNAL listener");
        Map<BrokerPlan, AgentResult> after = fleet.each(plan.brokers(), broker -> reportSteps(broker,
                agents.run(broker, "converge", agents.requests().converge(broker, options.replaceExternal()))));
        restartStale(agents, after);
        ensureUsers(plan, agents);
        return plan;
    }

    /**
     * Formats a new cluster's nodes, and a broker that joins (the last apply did not have it); any other node of a
     * formatted cluster only through --replace-broker (its disk may have been replaced, or it may be the wrong host).
     */
    private void formatUnformatted(Fleet fleet, BrokerAgents agents, Map<BrokerPlan, AgentResult> facts,
                                   NodeChanges changes) {
        List<BrokerPlan> unformatted = facts.entrySet().stream()
                .filter(e -> !Boolean.TRUE.equals(e.getValue().facts().get("formatted"))).map(Map.Entry::getKey)
                .toList();
        if (unformatted.isEmpty()) {
            return;
        }
        boolean newCluster = unformatted.size() == facts.size();
        report.task("format");
        fleet.each(unformatted, broker -> {
            if (!newCluster && !changes.isNew(broker)) {
                throw new PlayFailedException(broker.label(), "format", "its data dir " + broker.paths().dataDir()
                        + " is not formatted while other brokers are, and the last apply had it: refusing to format it "
                        + "into the running cluster. If its host or disk was replaced, re-run with --replace-broker "
                        + broker.nodeId());
            }
            // a controller joining a running quorum is an observer until addVoter: no initial voters of its own
            AgentResult result = !newCluster && broker.isController()
                    ? agents.run(broker, "format", VoterJoin.seat()) : agents.run(broker, "format");
            report.step(broker.label(), result.status(), "format: " + result.msg());
            if (result.isFailed()) {
                throw new PlayFailedException(broker.label(), "format", result.msg());
            }
            return result;
        });
    }

    private void startStopped(Fleet fleet, BrokerAgents agents, Map<BrokerPlan, AgentResult> facts) {
        List<BrokerPlan> stopped = facts.entrySet().stream().filter(e -> e.getValue().facts().get("pid") == null)
                .map(Map.Entry::getKey).toList();
        if (stopped.isEmpty()) {
            return;
        }
        report.task("start");
        Fleet.BrokerTask<AgentResult> start = broker -> {
            AgentResult result = agents.run(broker, "start");
            report.step(broker.label(), result.status(), result.msg() + timing(result));
            if (result.isFailed()) {
                throw new PlayFailedException(broker.label(), "start", result.msg());
            }
            return result;
        };
        for (StartWaves.Wave wave : StartWaves.of(stopped)) {
            if (wave.allAtOnce()) {
                fleet.all(wave.nodes(), start);
            } else {
                fleet.each(wave.nodes(), start);
            }
        }
    }

    /** Controllers that joined, now running as observers: each becomes a voter, one at a time. */
    private void addJoiningVoters(BrokerAgents agents, NodeChanges changes) throws IOException {
        List<BrokerPlan> joining = changes.added().stream().filter(BrokerPlan::isController).toList();
        if (joining.isEmpty()) {
            return;
        }
        report.task("add voters");
        for (BrokerPlan node : joining) {
            AgentResult added = new VoterJoin(gateLimit).addVoter(agents, node);
            report.step(node.label(), added.status(), "addVoter: " + added.msg());
            if (added.isFailed()) {
                throw new PlayFailedException(node.label(), "addVoter", added.msg() + ". It runs as an observer; "
                        + "re-run apply to add it again");
            }
        }
    }

    /** Running brokers whose config changed since they started: one at a time, with the safety gates. */
    private List<BrokerPlan> restartStale(BrokerAgents agents, Map<BrokerPlan, AgentResult> facts)
            throws IOException {
        Map<BrokerPlan, Set<RestartReason>> why = new LinkedHashMap<>();
        facts.forEach((node, found) -> {
            Set<RestartReason> reasons = RollingRestart.reasons(found);
            if (!reasons.isEmpty()) {
                why.put(node, reasons);
            }
        });
        List<BrokerPlan> stale = List.copyOf(why.keySet());
        if (!stale.isEmpty()) {
            try (LoadBalancerHealth loadBalancer = LoadBalancerHealth.of(agents.requests().plan(), gateLimit, report)) {
                new RollingRestart(agents, report, gateLimit, loadBalancer).run(stale, why, facts);
            }
        }
        return stale;
    }

    /**
     * After a change of Kafka version, or when asked to finalize: metadata.version against the plan's Kafka.
     * Finalizing waits until every broker runs that Kafka (the ones restarted now do), and only with --finalize.
     */
    private void featureLevels(Plan plan, BrokerAgents agents, Map<BrokerPlan, AgentResult> facts,
                               List<BrokerPlan> restarted) throws IOException {
        String version = plan.kafkaVersion().map(String::valueOf).orElse(null);
        boolean versionChanged = facts.values().stream().map(f -> f.facts().get("runningKafkaVersion"))
                .anyMatch(v -> v != null && !v.equals(version));
        if (version == null || !versionChanged && !options.finalizeFeatures()) {
            return;
        }
        List<BrokerPlan> behind = facts.entrySet().stream().filter(e -> !restarted.contains(e.getKey())
                && !version.equals(e.getValue().facts().get("runningKafkaVersion"))).map(Map.Entry::getKey).toList();
        report.task("feature levels (metadata.version)");
        BrokerPlan broker = plan.brokerNodes().get(0);
        boolean finalize = options.finalizeFeatures() && behind.isEmpty();
        AgentResult result = agents.run(broker, "features", Map.of("finalizeFeatures", finalize));
        report.step(broker.label(), result.status(), "features: " + result.msg());
        if (result.isFailed()) {
            throw new PlayFailedException(broker.label(), "features", result.msg());
        }
        if (options.finalizeFeatures() && !behind.isEmpty()) {
            throw new GateBlockedException(behind.get(0).label(), "finalize", "it does not run Kafka " + version
                    + " yet; finalizing now would lock it out");
        }
        if (!finalize) {
            report.info("every broker runs Kafka " + version + "; metadata.version stays where it was, so a downgrade"
                    + " is still possible. When all is well: apply --finalize (no way back)");
        }
    }

    /** Prints each step but the final facts, and returns those facts. */
    private AgentResult reportSteps(BrokerPlan broker, AgentResult converge) {
        if (converge.isFailed() && converge.facts().get("steps") == null) {
            throw new PlayFailedException(broker.label(), "converge", converge.msg()); // refused before any step ran
        }
        List<AgentResult> steps = AgentClient.steps(converge);
        for (AgentResult step : steps.subList(0, steps.size() - (converge.isFailed() ? 0 : 1))) {
            String diff = step.diff() == null ? "" : "\n" + step.diff().stripTrailing();
            report.step(broker.label(), step.status(), step.command() + ": " + step.msg() + diff);
            warnings(step).forEach(w -> report.info("  warning: " + broker.label() + ": " + w));
            ExternalProtocolSwitch.in(step.diff()).ifPresent(w -> report.info("  warning: " + broker.label() + ": " + w));
        }
        if (converge.isFailed()) {
            AgentResult failed = steps.get(steps.size() - 1);
            if (failed.command().equals("versions")) {
                // refused before anything was installed: the version change itself is what is not safe
                throw new GateBlockedException(broker.label(), "versions", failed.msg());
            }
            throw new PlayFailedException(broker.label(), failed.command(), converge.msg());
        }
        return steps.get(steps.size() - 1);
    }

    @SuppressWarnings("unchecked")
    private static List<String> warnings(AgentResult step) {
        return step.facts() == null ? List.of() : (List<String>) step.facts().getOrDefault("warnings", List.of());
    }

    static String timing(AgentResult result) {
        Object ms = result.facts() == null ? null : result.facts().get("startToRegisteredMs");
        return ms == null ? "" : " in " + ms + " ms";
    }
}
