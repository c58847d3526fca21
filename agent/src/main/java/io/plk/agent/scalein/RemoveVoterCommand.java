package io.plk.agent.scalein;

import io.plk.agent.health.ClusterProbe;
import io.plk.agent.health.QuorumState;
import io.plk.agent.health.VoterRemoval;
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
 * remove-controller), when {@link VoterRemoval} allows it; refused on a static quorum. For a node being replaced
 * ({@code replacing}) only its lost voter goes, so a re-run after the replacement joined removes nothing.
 */
public final class RemoveVoterCommand {
    private static final Duration CALL = Duration.ofSeconds(15);

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
        VoterRemoval.Answer answer = new VoterRemoval().decide(quorum, removed, request.isReplacing());
        facts.put("votersAfter", quorum.voters().stream().map(VoterState::nodeId).filter(id -> id != removed).toList());
        if (answer.outcome() != VoterRemoval.Outcome.REMOVE) {
            return answer.outcome() == VoterRemoval.Outcome.NOTHING_TO_DO
                    ? AgentResult.ok("removeVoter", answer.reason(), facts)
                    : AgentResult.failed("removeVoter", answer.reason(), facts);
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
