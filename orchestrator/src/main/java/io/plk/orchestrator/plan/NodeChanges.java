package io.plk.orchestrator.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the plan changes in the cluster's membership against the last apply: nodes that join, nodes that leave,
 * brokers whose load balancer port moves (the cloud side dials the old one until it reads new metadata).
 * Empty when nothing was applied before: then every node is new, and nothing can leave.
 */
public record NodeChanges(List<BrokerPlan> added, List<AppliedNode> removed, List<String> portChanges) {

    public static NodeChanges between(Optional<List<AppliedNode>> applied, Plan plan) {
        if (applied.isEmpty()) {
            return new NodeChanges(List.of(), List.of(), List.of());
        }
        Map<Integer, AppliedNode> before = applied.get().stream()
                .collect(Collectors.toMap(AppliedNode::nodeId, Function.identity()));
        List<BrokerPlan> added = plan.brokers().stream().filter(b -> !before.containsKey(b.nodeId())).toList();
        List<AppliedNode> removed = applied.get().stream().filter(n -> plan.brokers().stream()
                .noneMatch(b -> b.nodeId() == n.nodeId())).toList();
        List<String> portChanges = new ArrayList<>();
        for (BrokerPlan broker : plan.brokerNodes()) {
            AppliedNode was = before.get(broker.nodeId());
            if (was != null && was.advertisedPort() != 0 && was.advertisedPort() != broker.advertisedPort()) {
                portChanges.add(broker.label() + ": load balancer port " + was.advertisedPort() + " -> "
                        + broker.advertisedPort());
            }
        }
        return new NodeChanges(added, removed, List.copyOf(portChanges));
    }

    public boolean isNew(BrokerPlan node) {
        return added.contains(node);
    }

    /** The plan's lines for these changes, one per node. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        added.forEach(b -> lines.add("joins: " + b.label() + (b.isBroker() ? ", load balancer port "
                + b.advertisedPort() + " (" + b.externalAdvertised() + ")" : "")));
        removed.forEach(n -> lines.add("leaves: node " + n.nodeId() + " (" + n.host() + ")"));
        portChanges.forEach(c -> lines.add("moves: " + c));
        return lines;
    }
}
