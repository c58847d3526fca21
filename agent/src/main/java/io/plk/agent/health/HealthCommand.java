package io.plk.agent.health;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plk.agent.kafka.ServerConfig;
import io.plk.agent.protocol.AgentRequest;
import io.plk.agent.protocol.AgentResult;
import io.plk.agent.protocol.HealthFacts;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Cluster health as this broker sees it, and the two questions a rolling restart asks about it:
 * can this broker stop now, and (after a start) has it caught up.
 */
public final class HealthCommand {
    private static final ObjectMapper FACTS = new ObjectMapper();

    public AgentResult health(AgentRequest request) throws Exception {
        int nodeId = request.require(request.nodeId(), "nodeId");
        ClusterState state;
        try (ClusterProbe probe = new ClusterProbe(request.require(request.bootstrap(), "bootstrap"),
                Duration.ofSeconds(request.timeoutOr(15)))) {
            state = probe.capture(ServerConfig.fetchTimeoutMs(request.configFile()));
        }
        boolean controllerOnly = request.nodeRoles().controllerOnly();
        RollVerdicts verdicts = RollVerdicts.of(state, nodeId, request.nodeRoles(), request.restartedAtMs());
        Verdict canRestart = verdicts.canRestart();
        HealthFacts facts = new HealthFacts(state.liveBrokers().stream().sorted().toList(),
                state.liveBrokers().contains(nodeId), request.nodeRoles().names(), state.partitions().size(),
                state.underReplicated(), state.offline(), state.atMinIsr(), state.quorum().leaderId(),
                state.quorum().leaderEpoch(), state.quorum().highWatermark(), voters(state.quorum()),
                canRestart.yes(), canRestart.reasons(), verdicts.caughtUp().yes(), verdicts.caughtUp().reasons(),
                verdicts.quorumHealthy().yes(), verdicts.quorumHealthy().reasons(), verdicts.inIsr().yes(),
                verdicts.inIsr().reasons(), verdicts.canRecover().yes(), verdicts.canRecover().reasons());
        String node = (controllerOnly ? "controller " : "broker ") + nodeId;
        return AgentResult.ok("health", canRestart.yes() ? node + " can restart"
                : node + " must not restart now: " + String.join("; ", canRestart.reasons()), FACTS.convertValue(facts,
                new TypeReference<Map<String, Object>>() { }));
    }

    private static List<HealthFacts.Voter> voters(QuorumState quorum) {
        long leaderEnd = quorum.leaderEndOffset();
        return quorum.voters().stream().map(v -> new HealthFacts.Voter(v.nodeId(), v.logEndOffset(),
                Math.max(0, leaderEnd - v.logEndOffset()), v.lastFetchTimestamp(), v.lastCaughtUpTimestamp(),
                quorum.isCaughtUp(v))).toList();
    }
}
