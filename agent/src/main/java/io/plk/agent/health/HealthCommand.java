package io.plk.agent.health;

import io.plk.agent.kafka.ServerConfig;
import io.plk.agent.protocol.AgentRequest;
import io.plk.agent.protocol.AgentResult;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cluster health as this broker sees it, and the two questions a rolling restart asks about it:
 * can this broker stop now, and (after a start) has it caught up.
 */
public final class HealthCommand {
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
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("liveBrokers", state.liveBrokers().stream().sorted().toList());
        facts.put("registered", state.liveBrokers().contains(nodeId));
        facts.put("roles", request.nodeRoles().names());
        facts.put("partitions", state.partitions().size());
        facts.put("underReplicatedPartitions", state.underReplicated());
        facts.put("offlinePartitions", state.offline());
        facts.put("atMinIsrPartitions", state.atMinIsr());
        facts.put("quorumLeader", state.quorum().leaderId());
        facts.put("quorumEpoch", state.quorum().leaderEpoch());
        facts.put("highWatermark", state.quorum().highWatermark());
        facts.put("voters", voters(state.quorum()));
        facts.put("canRestart", canRestart.yes());
        facts.put("canRestartReasons", canRestart.reasons());
        facts.put("caughtUp", verdicts.caughtUp().yes());
        facts.put("caughtUpReasons", verdicts.caughtUp().reasons());
        facts.put("quorumHealthy", verdicts.quorumHealthy().yes());
        facts.put("quorumHealthyReasons", verdicts.quorumHealthy().reasons());
        facts.put("inIsr", verdicts.inIsr().yes());
        facts.put("inIsrReasons", verdicts.inIsr().reasons());
        facts.put("canRecover", verdicts.canRecover().yes());
        facts.put("canRecoverReasons", verdicts.canRecover().reasons());
        String node = (controllerOnly ? "controller " : "broker ") + nodeId;
        return AgentResult.ok("health", canRestart.yes() ? node + " can restart"
                : node + " must not restart now: " + String.join("; ", canRestart.reasons()), facts);
    }

    private static List<Map<String, Object>> voters(QuorumState quorum) {
        long leaderEnd = quorum.leaderEndOffset();
        return quorum.voters().stream().map(v -> {
            Map<String, Object> voter = new LinkedHashMap<>();
            voter.put("nodeId", v.nodeId());
            voter.put("logEndOffset", v.logEndOffset());
            voter.put("lag", Math.max(0, leaderEnd - v.logEndOffset()));
            voter.put("lastFetchTimestamp", v.lastFetchTimestamp());
            voter.put("lastCaughtUpTimestamp", v.lastCaughtUpTimestamp());
            voter.put("caughtUp", quorum.isCaughtUp(v));
            return voter;
        }).toList();
    }
}
