package io.plk.agent.scalein;

import io.plk.agent.health.ClusterProbe;
import io.plk.agent.health.QuorumState;
import io.plk.agent.health.VoterState;
import io.plk.agent.kafka.KafkaTool;
import io.plk.agent.kafka.ServerConfig;
import io.plk.agent.protocol.AgentRequest;
import io.plk.agent.protocol.AgentResult;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.QuorumInfo;

/**
 * Removes a controller from the voters of a dynamic quorum, the quorum's own way (kafka-metadata-quorum
 * remove-controller). Refused on a static quorum, when fewer than 3 voters would remain, or when the remaining
 * voters have no caught-up majority.
 */
public final class RemoveVoterCommand {
    private static final Duration CALL = Duration.ofSeconds(15);
    private static final int MIN_VOTERS = 3;

    public AgentResult removeVoter(AgentRequest request) throws Exception {
        int removed = request.require(request.removeNodeId(), "removeNodeId");
        Map<String, Object> facts = new LinkedHashMap<>(Map.of("removeNodeId", removed));
        ServerConfig config;
        try {
            config = DynamicQuorum.config(request.require(request.configFile(), "configFile"), "removing a voter");
        } catch (DynamicQuorum.StaticQuorumException e) {
            return AgentResult.failed("removeVoter", e.getMessage(), facts);
        }
        String bootstrap = request.require(request.bootstrap(), "bootstrap");
        QuorumInfo info;
        QuorumState quorum;
        try (ClusterProbe probe = new ClusterProbe(bootstrap, CALL)) {
            info = probe.admin().describeMetadataQuorum().quorumInfo().get(CALL.toMillis(), TimeUnit.MILLISECONDS);
            quorum = probe.quorum(config.fetchTimeoutMs());
        }
        if (quorum.voter(removed).isEmpty()) {
            return AgentResult.ok("removeVoter", "node " + removed + " is not a voter", facts);
        }
        List<VoterState> remaining = quorum.voters().stream().filter(v -> v.nodeId() != removed).toList();
        facts.put("votersAfter", remaining.stream().map(VoterState::nodeId).toList());
        if (remaining.size() < MIN_VOTERS) {
            return AgentResult.failed("removeVoter", "removing voter " + removed + " would leave " + remaining.size()
                    + " voter(s); a quorum keeps at least " + MIN_VOTERS + " so that it survives one failure: add a "
                    + "controller first (addVoter)", facts);
        }
        long caughtUp = remaining.stream().filter(quorum::isCaughtUp).count();
        if (caughtUp < remaining.size() / 2 + 1) {
            return AgentResult.failed("removeVoter", "without voter " + removed + " only " + caughtUp + " of "
                    + remaining.size() + " voters are caught up, no majority: " + quorum.describe(), facts);
        }
        String directoryId = DynamicQuorum.directoryId(info, removed).orElseThrow();
        facts.put("directoryId", directoryId);
        if (request.isCheck()) {
            return AgentResult.changed("removeVoter", "would remove voter " + removed + " (directory " + directoryId
                    + ")", facts);
        }
        KafkaTool.Outcome outcome = new KafkaTool(request.javaHome(), request.require(request.kafkaHome(), "kafkaHome"))
                .run(DynamicQuorum.METADATA_QUORUM_TOOL, List.of("--bootstrap-server", bootstrap, "remove-controller",
                        "--controller-id", Integer.toString(removed), "--controller-directory-id", directoryId));
        if (!outcome.succeeded()) {
            return AgentResult.failed("removeVoter", "kafka-metadata-quorum remove-controller failed: "
                    + outcome.output(), facts);
        }
        return AgentResult.changed("removeVoter", "removed voter " + removed + " (directory " + directoryId + ")",
                facts);
    }
}
