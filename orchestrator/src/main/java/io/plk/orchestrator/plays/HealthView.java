package io.plk.orchestrator.plays;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plk.agent.protocol.AgentResult;
import io.plk.agent.protocol.HealthFacts;
import io.plk.orchestrator.plan.BrokerPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The agent's health answer, typed; {@code waitedMs}: how long the gate waited for this answer. */
record HealthView(HealthFacts facts, long waitedMs) {
    /** As strict as the agent's reader: a fact this side does not know means the two sides disagree. */
    private static final ObjectMapper STRICT = AgentClient.JSON.copy()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    HealthView(AgentResult result) {
        this(STRICT.convertValue(result.facts(), HealthFacts.class), 0);
    }

    HealthView waited(long ms) {
        return new HealthView(facts, ms);
    }

    boolean canRestart() {
        return facts.canRestart();
    }

    boolean caughtUp() {
        return facts.caughtUp();
    }

    boolean registered() {
        return facts.registered();
    }

    long underReplicated() {
        return facts.underReplicatedPartitions();
    }

    boolean canRecover() {
        return facts.canRecover();
    }

    Set<Integer> liveBrokers() {
        return Set.copyOf(facts.liveBrokers());
    }

    /** Voters the quorum's leader counts as caught up. */
    Set<Integer> caughtUpVoters() {
        return facts.voters().stream().filter(HealthFacts.Voter::caughtUp).map(HealthFacts.Voter::nodeId)
                .collect(Collectors.toSet());
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
        if (!facts.caughtUp()) {
            missing.addAll(facts.caughtUpReasons());
        }
        if (!facts.quorumHealthy()) {
            missing.addAll(facts.quorumHealthyReasons());
        }
        if (!facts.inIsr()) {
            missing.addAll(facts.inIsrReasons());
        }
        if (underReplicated() > underReplicatedBefore) {
            missing.add("under-replicated partitions " + underReplicated() + " (before: " + underReplicatedBefore + ")");
        }
        return missing;
    }

    int quorumLeader() {
        return facts.quorumLeader();
    }
}
