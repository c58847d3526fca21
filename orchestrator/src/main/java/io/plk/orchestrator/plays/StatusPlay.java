package io.plk.orchestrator.plays;

import io.plk.agent.kafka.ConfigFile;
import io.plk.agent.protocol.AgentResult;
import io.plk.orchestrator.kafka.BrokerConfig;
import io.plk.orchestrator.plan.BrokerPlan;
import io.plk.orchestrator.plan.Plan;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** {@code status}: one line per broker, read-only. */
public final class StatusPlay {
    private final PrintStream out;

    public StatusPlay(PrintStream out) {
        this.out = out;
    }

    public void run(Fleet fleet) {
        Plan plan = fleet.plan();
        BrokerAgents agents = new BrokerAgents(fleet, new BrokerRequests(plan));
        BrokerConfig config = new BrokerConfig(plan);
        Map<BrokerPlan, String> rows = fleet.each(plan.brokers(), broker -> row(agents, config, broker));
        out.printf("%-16s %-10s %-5s %-9s %-22s %-8s %-24s %-4s %s%n", "HOST", "AZ ID", "NODE", "RUNNING", "SERVICE",
                "CONFIG", "CLUSTER ID", "URP", "QUORUM");
        rows.values().forEach(out::println);
    }

    private static String row(BrokerAgents agents, BrokerConfig config, BrokerPlan broker) throws Exception {
        AgentResult facts = agents.run(broker, "facts");
        Object pid = facts.facts().get("pid");
        Object hash = facts.facts().get("configHash");
        String sync = hash == null ? "missing" : hash.equals(ConfigFile.sha256(config.render(broker))) ? "in sync"
                : "drifted";
        if (Boolean.TRUE.equals(facts.facts().get("restartPending"))) {
            sync = "pending";
        }
        String urp = "-";
        String quorum = "-";
        if (pid != null) {
            try {
                HealthView health = agents.health(broker, broker);
                urp = Long.toString(health.underReplicated());
                quorum = quorumRole(broker.nodeId(), health);
            } catch (PlayFailedException e) {
                quorum = "unhealthy: " + e.getMessage();
            }
        }
        return String.format("%-16s %-10s %-5d %-9s %-22s %-8s %-24s %-4s %s", broker.host(), broker.azId(),
                broker.nodeId(), pid == null ? "no" : "pid " + pid, service(facts), sync,
                Boolean.TRUE.equals(facts.facts().get("formatted")) ? facts.facts().get("clusterId") : "unformatted",
                urp, quorum);
    }

    /** How Kafka runs there: the unit's state under systemd, a detached process, or the cluster's own commands. */
    private static String service(AgentResult facts) {
        Object mode = facts.facts().get("serviceMode");
        if (facts.facts().get("unit") instanceof Map<?, ?> unit) {
            return "unit " + unit.get("active") + ", " + unit.get("enabled");
        }
        return "detached".equals(mode) ? "process" : "existing".equals(mode) ? "own commands" : String.valueOf(mode);
    }

    private static String quorumRole(int nodeId, HealthView health) {
        String role = health.quorumLeader() == nodeId ? "leader" : "follower";
        List<Map<String, Object>> voters = health.voters();
        return voters.stream().filter(v -> ((Number) v.get("nodeId")).intValue() == nodeId).findFirst()
                .map(v -> role + " lag " + v.get("lag") + (Boolean.TRUE.equals(v.get("caughtUp")) ? "" : " (behind)"))
                .orElse("observer");
    }
}
