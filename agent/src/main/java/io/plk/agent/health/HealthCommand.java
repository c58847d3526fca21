package io.plk.agent.health;

import io.plk.agent.protocol.AgentRequest;
import io.plk.agent.protocol.AgentResult;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Cluster health as this broker sees it, and the two questions a rolling restart asks about it:
 * can this broker stop now, and (after a start) has it caught up.
 */
public final class HealthCommand {
    private static final long DEFAULT_FETCH_TIMEOUT_MS = 2000;

    public AgentResult health(AgentRequest request) throws Exception {
        int nodeId = request.require(request.nodeId(), "nodeId");
        ClusterState state;
        try (ClusterProbe probe = new ClusterProbe(request.require(request.bootstrap(), "bootstrap"),
                Duration.ofSeconds(request.timeoutOr(15)))) {
            state = probe.capture(fetchTimeoutMs(request.configFile()));
        }
        Verdict canRestart = new MinIsrCheck().canStop(state, nodeId).and(new QuorumCheck().canStop(state, nodeId));
        Long restartedAt = request.restartedAtMs();
        Verdict caughtUp = new QuorumCheck().isCaughtUp(state, nodeId, restartedAt);
        Verdict quorumHealthy = new QuorumCheck().allCaughtUp(state);
        Verdict inIsr = new ReplicasInIsrCheck().isBackInIsr(state, nodeId);
        Verdict canRecover = new QuorumDiagnosis().hopeless(state.quorum(), nodeId, restartedAt);
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("liveBrokers", state.liveBrokers().stream().sorted().toList());
        facts.put("registered", state.liveBrokers().contains(nodeId));
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
        facts.put("caughtUp", caughtUp.yes());
        facts.put("caughtUpReasons", caughtUp.reasons());
        facts.put("quorumHealthy", quorumHealthy.yes());
        facts.put("quorumHealthyReasons", quorumHealthy.reasons());
        facts.put("inIsr", inIsr.yes());
        facts.put("inIsrReasons", inIsr.reasons());
        facts.put("canRecover", canRecover.yes());
        facts.put("canRecoverReasons", canRecover.reasons());
        return AgentResult.ok("health", canRestart.yes() ? "broker " + nodeId + " can restart"
                : "broker " + nodeId + " must not restart now: " + String.join("; ", canRestart.reasons()), facts);
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

    private static long fetchTimeoutMs(String configFile) throws IOException {
        if (configFile == null || !Files.isRegularFile(Path.of(configFile))) {
            return DEFAULT_FETCH_TIMEOUT_MS;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of(configFile))) {
            properties.load(reader);
        }
        String value = properties.getProperty("controller.quorum.fetch.timeout.ms");
        return value == null ? DEFAULT_FETCH_TIMEOUT_MS : Long.parseLong(value.trim());
    }
}
