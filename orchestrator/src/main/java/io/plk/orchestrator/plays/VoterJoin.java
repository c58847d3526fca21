package io.plk.orchestrator.plays;

import io.plk.agent.protocol.AgentResult;
import io.plk.orchestrator.plan.BrokerPlan;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A controller joining a running dynamic quorum the quorum's own way (KIP-853): formatted without initial voters
 * (a new directory id), it starts as an observer and is added as a voter once it has caught up with the metadata
 * log. Until then the agent answers {@code readyToVote: false} and is asked again, within the gate limit.
 */
final class VoterJoin {
    private final Duration gateLimit;

    VoterJoin(Duration gateLimit) {
        this.gateLimit = gateLimit;
    }

    /** The format request's fields for a controller that joins a running quorum. */
    static Map<String, Object> seat() {
        Map<String, Object> seat = new HashMap<>();
        seat.put("joinQuorum", true);
        seat.put("initialControllers", null);
        return seat;
    }

    /** @return the last answer of the node's addVoter: failed when it never became ready within the gate limit */
    AgentResult addVoter(NodeCommand agents, BrokerPlan node) throws IOException {
        Backoff backoff = new Backoff(gateLimit);
        AgentResult added = agents.run(node, "addVoter", Map.of());
        while (added.isFailed() && Boolean.FALSE.equals(added.facts().get("readyToVote")) && backoff.pause()) {
            added = agents.run(node, "addVoter", Map.of());
        }
        return added;
    }
}
