package io.plk.orchestrator.plays;

import io.plk.agent.protocol.AgentResult;
import io.plk.agent.protocol.Status;
import io.plk.orchestrator.plan.BrokerPlan;
import io.plk.orchestrator.plan.Plan;
import io.plk.orchestrator.ssh.RemoteHost;
import io.plk.orchestrator.ssh.Shell;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The runbook's host half as one play: stage -> fetch -> facts -> install, configure, format ->
 * start (new brokers) or rolling restart (running brokers whose config changed) -> health.
 */
public final class ApplyPlay {
    private final Report report;
    private final Duration gateLimit;
    private final boolean formatNewBrokers;
    private final boolean replaceExternal;

    /**
     * @param formatNewBrokers allow formatting a broker that joins a formatted cluster
     * @param replaceExternal  on an existing cluster, rewrite an EXTERNAL listener that points elsewhere
     */
    public ApplyPlay(Report report, Duration gateLimit, boolean formatNewBrokers, boolean replaceExternal) {
        this.report = report;
        this.gateLimit = gateLimit;
        this.formatNewBrokers = formatNewBrokers;
        this.replaceExternal = replaceExternal;
    }

    /** @return the plan as applied (with the cluster id resolved) */
    public Plan run(Plan plan, Fleet fleet) throws IOException {
        List<BrokerPlan> brokers = plan.brokers();
        try (Staging staging = new Staging(plan, report)) {
            RemoteHost bastion = fleet.bastion();
            staging.stage(bastion);
            staging.serve(bastion);
            String bastionAddress = bastionAddressSeenBy(fleet.broker(brokers.get(0)));
            report.task("fetch artifacts from the bastion");
            fleet.each(brokers, b -> fetch(fleet, staging, b, bastionAddress));
        }
        if (plan.inventory().existing().isPresent()) {
            return exposeRunning(plan, fleet);
        }
        BrokerAgents probe = new BrokerAgents(fleet, new BrokerRequests(plan));
        report.task("facts");
        Map<BrokerPlan, AgentResult> facts = fleet.each(brokers, b -> probe.run(b, "facts"));
        Plan resolved = ClusterIdentity.resolve(plan, facts, report);
        BrokerAgents agents = new BrokerAgents(fleet, new BrokerRequests(resolved));
        boolean newCluster = facts.values().stream().noneMatch(f -> Boolean.TRUE.equals(f.facts().get("formatted")));
        Map<BrokerPlan, AgentResult> after = converge(fleet, agents, facts, newCluster);
        startStopped(fleet, agents, after);
        restartStale(agents, after);
        return resolved;
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
                agents.run(broker, "converge", Map.of("steps", List.of("patch", "facts"),
                        "replaceExternal", replaceExternal))));
        restartStale(agents, after);
        return plan;
    }

    private Void fetch(Fleet fleet, Staging staging, BrokerPlan broker, String bastionAddress) throws IOException {
        RemoteHost host = fleet.broker(broker);
        boolean changed = staging.fetch(host, bastionAddress, broker.paths().artifactDir());
        var java = fleet.plan().inventory().cluster().javaArchive();
        var javaHome = fleet.plan().javaHome(broker);
        if (java != null && javaHome.isPresent()) {
            String home = Shell.quote(javaHome.get());
            var unpacked = host.exec("test -x " + home + "/bin/java && echo ok || { mkdir -p " + home
                    + " && tar -xzf " + Shell.quote(broker.paths().artifactDir() + "/" + java.fileName()) + " -C "
                    + home + " --strip-components=1 && echo changed; }");
            unpacked.requireSuccess();
            changed |= unpacked.stdout().contains("changed");
        }
        report.step(broker.label(), changed ? Status.CHANGED : Status.OK,
                changed ? "fetched artifacts from the bastion" : "artifacts already present");
        return null;
    }

    /** @return each broker's facts after the steps (the last step) */
    private Map<BrokerPlan, AgentResult> converge(Fleet fleet, BrokerAgents agents, Map<BrokerPlan, AgentResult> facts,
            boolean newCluster) {
        report.task("install, configure, format");
        return fleet.each(agents.requests().plan().brokers(), broker -> {
            boolean formatted = Boolean.TRUE.equals(facts.get(broker).facts().get("formatted"));
            List<String> steps = new ArrayList<>(List.of("install", "configure"));
            if (formatted || newCluster || formatNewBrokers) {
                steps.add("format");
            } else {
                throw new PlayFailedException(broker.label(), "format", "its data dir " + broker.paths().dataDir()
                        + " is not formatted while other brokers are: refusing to format a voter into a running "
                        + "cluster. If this broker is new or its disk was replaced, re-run with --format-new-brokers");
            }
            steps.add("facts");
            AgentResult result = agents.run(broker, "converge", Map.of("steps", steps));
            return reportSteps(broker, result);
        });
    }

    private void startStopped(Fleet fleet, BrokerAgents agents, Map<BrokerPlan, AgentResult> facts) {
        List<BrokerPlan> stopped = facts.entrySet().stream().filter(e -> e.getValue().facts().get("pid") == null)
                .map(Map.Entry::getKey).toList();
        if (stopped.isEmpty()) {
            return;
        }
        report.task("start");
        fleet.all(stopped, broker -> {
            AgentResult result = agents.run(broker, "start");
            report.step(broker.label(), result.status(), result.msg() + timing(result));
            if (result.isFailed()) {
                throw new PlayFailedException(broker.label(), "start", result.msg());
            }
            return result;
        });
    }

    /** Running brokers whose config changed since they started: one at a time, with the safety gates. */
    private void restartStale(BrokerAgents agents, Map<BrokerPlan, AgentResult> facts) throws IOException {
        List<BrokerPlan> stale = facts.entrySet().stream()
                .filter(e -> Boolean.TRUE.equals(e.getValue().facts().get("restartPending")))
                .map(Map.Entry::getKey).toList();
        if (!stale.isEmpty()) {
            new RollingRestart(agents, report, gateLimit).run(stale, "their server.properties changed");
        }
    }

    /** Prints each step but the final facts, and returns those facts. */
    private AgentResult reportSteps(BrokerPlan broker, AgentResult converge) {
        List<AgentResult> steps = AgentClient.JSON.convertValue(converge.facts().get("steps"),
                AgentClient.JSON.getTypeFactory().constructCollectionType(List.class, AgentResult.class));
        for (AgentResult step : steps.subList(0, steps.size() - (converge.isFailed() ? 0 : 1))) {
            String diff = step.diff() == null ? "" : "\n" + step.diff().stripTrailing();
            report.step(broker.label(), step.status(), step.command() + ": " + step.msg() + diff);
        }
        if (converge.isFailed()) {
            throw new PlayFailedException(broker.label(), steps.get(steps.size() - 1).command(), converge.msg());
        }
        return steps.get(steps.size() - 1);
    }

    static String timing(AgentResult result) {
        Object ms = result.facts() == null ? null : result.facts().get("startToRegisteredMs");
        return ms == null ? "" : " in " + ms + " ms";
    }

    /** The bastion's address as the brokers see it: the client side of their SSH connection. */
    private static String bastionAddressSeenBy(RemoteHost broker) throws IOException {
        String connection = broker.exec("echo $SSH_CONNECTION").requireSuccess().stdout().strip();
        return connection.split("\\s+")[0];
    }
}
