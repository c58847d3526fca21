package io.plk.orchestrator.plays;

import io.plk.agent.protocol.AgentResult;
import io.plk.orchestrator.plan.BrokerPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The agent's health facts, read by name; {@code waitedMs}: how long the gate waited for this answer. */
record HealthView(AgentResult result, long waitedMs) {

    HealthView(AgentResult result) {
        this(result, 0);
    }

    HealthView waited(long ms) {
        return new HealthView(result, ms);
    }

    boolean canRestart() {
        return Boolean.TRUE.equals(result.facts().get("canRestart"));
    }

    boolean caughtUp() {
        return Boolean.TRUE.equals(result.facts().get("caughtUp"));
    }

    boolean registered() {
        return Boolean.TRUE.equals(result.facts().get("registered"));
    }

    long underReplicated() {
        return ((Number) result.facts().getOrDefault("underReplicatedPartitions", 0)).longValue();
    }

    boolean canRecover() {
        return !Boolean.FALSE.equals(result.facts().get("canRecover"));
    }

    @SuppressWarnings("unchecked")
    Set<Integer> liveBrokers() {
        List<Number> live = (List<Number>) result.facts().getOrDefault("liveBrokers", List.of());
        return live.stream().map(Number::intValue).collect(Collectors.toSet());
    }

    /** Voters the quorum's leader counts as caught up. */
    Set<Integer> caughtUpVoters() {
        return voters().stream().filter(v -> Boolean.TRUE.equals(v.get("caughtUp")))
                .map(v -> ((Number) v.get("nodeId")).intValue()).collect(Collectors.toSet());
    }

    /**
     * What a restarted node still lacks before the roll may go on; empty when it is back. A controller-only node
     * never registers as a broker: for it, "caught up" is being back in the quorum.
     */
    List<String> notBackYet(BrokerPlan node, long underReplicatedBefore) {
        List<String> missing = new ArrayList<>();
        if (node.isBroker() && !registered()) {
            missing.add("not registered and unfenced");
        }
        for (String check : List.of("caughtUp", "quorumHealthy", "inIsr")) {
            if (!Boolean.TRUE.equals(result.facts().get(check))) {
                missing.addAll(reasons(check + "Reasons"));
            }
        }
        if (underReplicated() > underReplicatedBefore) {
            missing.add("under-replicated partitions " + underReplicated() + " (before: " + underReplicatedBefore + ")");
        }
        return missing;
    }

    int quorumLeader() {
        return ((Number) result.facts().getOrDefault("quorumLeader", -1)).intValue();
    }

    @SuppressWarnings("unchecked")
    List<String> reasons(String key) {
        return (List<String>) result.facts().getOrDefault(key, List.of());
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> voters() {
        return (List<Map<String, Object>>) result.facts().getOrDefault("voters", List.of());
    }
}
