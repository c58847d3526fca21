package io.plk.orchestrator.plays;

import io.plk.agent.kafka.ConfigFile;
import io.plk.agent.protocol.AgentResult;
import io.plk.orchestrator.kafka.BrokerConfig;
import io.plk.orchestrator.plan.BrokerPlan;
import io.plk.orchestrator.plan.LoadBalancerListener;
import io.plk.orchestrator.plan.Plan;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** {@code status}: one line per node, the metadata quorum's mode and the port map the cloud side sees; read-only. */
public final class StatusPlay {
    private static final String ROW = "%-16s %-10s %-5s %-18s %-9s %-22s %-8s %-24s %-4s %s";
    private final PrintStream out;

    public StatusPlay(PrintStream out) {
        this.out = out;
    }

    public void run(Fleet fleet) {
        Plan plan = fleet.plan();
        BrokerAgents agents = new BrokerAgents(fleet, new BrokerRequests(plan));
        BrokerConfig config = new BrokerConfig(plan);
        Map<BrokerPlan, Node> nodes = fleet.each(plan.brokers(), broker -> node(agents, broker));
        out.println(String.format(ROW, "HOST", "AZ ID", "NODE", "ROLES", "RUNNING", "SERVICE", "CONFIG", "CLUSTER ID",
                "URP", "QUORUM").stripTrailing());
        nodes.forEach((broker, node) -> out.println(row(broker, node, config)));
        out.println(quorumMode(nodes.values().stream().map(n -> n.facts().facts().get("quorumMode")).toList()));
        portMap(plan).forEach(out::println);
    }

    /** What the agent said about one node: its facts, and the cluster's health as it sees it (null when down). */
    record Node(AgentResult facts, HealthView health, String unhealthy) {
    }

    private static Node node(BrokerAgents agents, BrokerPlan broker) throws Exception {
        AgentResult facts = agents.run(broker, "facts");
        if (facts.facts().get("pid") == null) {
            return new Node(facts, null, null);
        }
        try {
            return new Node(facts, agents.health(broker, broker), null);
        } catch (PlayFailedException e) {
            return new Node(facts, null, e.getMessage());
        }
    }

    static String row(BrokerPlan broker, Node node, BrokerConfig config) {
        Map<String, Object> facts = node.facts().facts();
        Object pid = facts.get("pid");
        Object hash = facts.get("configHash");
        String sync = hash == null ? "missing" : hash.equals(ConfigFile.sha256(config.render(broker))) ? "in sync"
                : "drifted";
        if (Boolean.TRUE.equals(facts.get("restartPending"))) {
            sync = "pending";
        }
        String urp = node.health() == null ? "-" : Long.toString(node.health().underReplicated());
        String quorum = node.unhealthy() != null ? "unhealthy: " + node.unhealthy()
                : node.health() == null ? "-" : quorumRole(broker.nodeId(), node.health());
        return String.format(ROW, broker.host(), broker.azId(), broker.nodeId(), broker.processRoles(),
                pid == null ? "no" : "pid " + pid, service(facts), sync,
                Boolean.TRUE.equals(facts.get("formatted")) ? facts.get("clusterId") : "unformatted", urp, quorum);
    }

    /** As the nodes' configs say: dynamic (KIP-853) or static voters; nodes that disagree are named as such. */
    static String quorumMode(List<Object> modes) {
        TreeSet<String> distinct = new TreeSet<>(modes.stream().filter(Objects::nonNull).map(String::valueOf).toList());
        if (distinct.isEmpty()) {
            return "metadata quorum: unknown (no node has a config yet)";
        }
        if (distinct.size() > 1) {
            return "metadata quorum: the nodes disagree (" + String.join(", ", distinct) + ")";
        }
        return "metadata quorum: " + distinct.first() + (distinct.first().equals("dynamic")
                ? " (controller.quorum.bootstrap.servers; voters kept in the metadata log)"
                : " (controller.quorum.voters in every config)");
    }

    /** The load balancer's ports as the cloud side dials them, and the broker each one reaches. */
    static List<String> portMap(Plan plan) {
        Map<Integer, BrokerPlan> byId = new java.util.HashMap<>();
        plan.brokerNodes().forEach(b -> byId.put(b.nodeId(), b));
        List<String> lines = new java.util.ArrayList<>(List.of("load balancer ports (cloud side):"));
        for (LoadBalancerListener listener : plan.loadBalancerListeners()) {
            lines.add(String.format("  %-6d %s", listener.port(), listener.isBootstrap() ? "bootstrap, every broker"
                    : byId.get(listener.nodeId()).externalAdvertised() + " -> broker " + listener.nodeId()));
        }
        return lines;
    }

    /** How Kafka runs there: the unit's state under systemd, a detached process, or the cluster's own commands. */
    private static String service(Map<String, Object> facts) {
        Object mode = facts.get("serviceMode");
        if (facts.get("unit") instanceof Map<?, ?> unit) {
            return "unit " + unit.get("active") + ", " + unit.get("enabled");
        }
        return "detached".equals(mode) ? "process" : "existing".equals(mode) ? "own commands" : String.valueOf(mode);
    }

    private static String quorumRole(int nodeId, HealthView health) {
        String role = health.quorumLeader() == nodeId ? "leader" : "follower";
        return health.facts().voters().stream().filter(v -> v.nodeId() == nodeId).findFirst()
                .map(v -> role + " lag " + v.lag() + (v.caughtUp() ? "" : " (behind)"))
                .orElse("observer");
    }
}
