package io.plk.agent.scalein;

import io.plk.agent.health.ClusterProbe;
import io.plk.agent.health.QuorumCheck;
import io.plk.agent.health.QuorumState;
import io.plk.agent.health.Verdict;
import io.plk.agent.kafka.KafkaTool;
import io.plk.agent.kafka.ServerConfig;
import io.plk.agent.protocol.AgentRequest;
import io.plk.agent.protocol.AgentResult;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes this node, a controller formatted with joinQuorum and running as an observer, a voter of its dynamic
 * quorum (kafka-metadata-quorum add-controller with its own server.properties, which names its id, directory and
 * listener). It must have caught up first: a voter that lags slows every commit.
 */
public final class AddVoterCommand {
    private static final Duration CALL = Duration.ofSeconds(15);

    public AgentResult addVoter(AgentRequest request) throws Exception {
        int nodeId = request.require(request.nodeId(), "nodeId");
        String configFile = request.require(request.configFile(), "configFile");
        Map<String, Object> facts = new LinkedHashMap<>(Map.of("nodeId", nodeId));
        ServerConfig config;
        try {
            config = DynamicQuorum.config(configFile, "adding a voter");
        } catch (DynamicQuorum.StaticQuorumException e) {
            return AgentResult.failed("addVoter", e.getMessage(), facts);
        }
        QuorumState quorum;
        try (ClusterProbe probe = ClusterProbe.ofControllers(config.controllerEndpoints(), CALL)) {
            quorum = probe.quorum(config.fetchTimeoutMs());
        }
        if (quorum.voter(nodeId).isPresent()) {
            return AgentResult.ok("addVoter", "node " + nodeId + " is a voter already", facts);
        }
        Verdict caughtUp = new QuorumCheck().inQuorum(quorum, nodeId, null);
        facts.put("readyToVote", caughtUp.yes());
        if (!caughtUp.yes()) {
            return AgentResult.failed("addVoter", "node " + nodeId + " is not ready to vote: "
                    + String.join("; ", caughtUp.reasons()) + "; start it (formatted with joinQuorum) and wait", facts);
        }
        if (request.isCheck()) {
            return AgentResult.changed("addVoter", "would add node " + nodeId + " to the voters", facts);
        }
        KafkaTool.Outcome outcome = new KafkaTool(request.javaHome(), request.require(request.kafkaHome(), "kafkaHome"))
                .run(DynamicQuorum.METADATA_QUORUM_TOOL, List.of("--command-config", configFile,
                        "--bootstrap-controller", String.join(",", config.controllerEndpoints()), "add-controller"));
        if (!outcome.succeeded()) {
            return AgentResult.failed("addVoter", "kafka-metadata-quorum add-controller failed: " + outcome.output(),
                    facts);
        }
        return AgentResult.changed("addVoter", "added node " + nodeId + " to the voters: " + outcome.output(), facts);
    }
}
