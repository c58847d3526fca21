package io.plk.orchestrator.plays;

import io.plk.agent.protocol.AgentResult;
import java.util.List;
import java.util.Map;

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
