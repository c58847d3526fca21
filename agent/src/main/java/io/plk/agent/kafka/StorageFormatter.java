package io.plk.agent.kafka;

import io.plk.agent.protocol.AgentRequest;
import io.plk.agent.protocol.AgentResult;
import io.plk.agent.protocol.BadRequestException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Formats KRaft storage exactly once. A formatted dir is only ever checked against the plan, never
 * reformatted, and nothing is ever deleted (the runbook's script does {@code rm -rf data}; we do not).
 */
public final class StorageFormatter {

    public AgentResult format(AgentRequest request) throws IOException, InterruptedException {
        List<String> dirs = request.require(request.dataDirs(), "dataDirs");
        String clusterId = request.require(request.clusterId(), "clusterId");
        int nodeId = request.require(request.nodeId(), "nodeId");
        Optional<MetaProperties> existing = MetaProperties.firstOf(dirs);
        if (existing.isPresent()) {
            return checkIdentity(existing.get(), clusterId, nodeId);
        }
        String kafkaHome = request.require(request.kafkaHome(), "kafkaHome");
        String configFile = request.require(request.configFile(), "configFile");
        ServerConfig config = ServerConfig.read(configFile).orElseThrow(() -> new BadRequestException(
                "configFile " + configFile + " does not exist: run configure first"));
        Optional<KafkaVersion> version = KafkaVersion.ofLibs(Path.of(kafkaHome, "libs"));
        if (config.quorumMode().orElse(null) == QuorumMode.DYNAMIC
                && version.filter(KafkaVersion::advertisesController).isEmpty()) {
            return AgentResult.failed("format", configFile + " has " + ServerConfig.BOOTSTRAP_SERVERS
                    + ", a dynamic quorum, which needs Kafka 3.9 or later; " + kafkaHome + " is Kafka "
                    + version.map(String::valueOf).orElse("of unknown version") + ": give it quorumVoters instead",
                    Map.of());
        }
        List<String> arguments = new ArrayList<>(List.of("format", "-t", clusterId, "-c", configFile));
        List<String> seat = QuorumSeat.arguments(config, request);
        arguments.addAll(seat);
        KafkaTool.Outcome outcome = new KafkaTool(request.javaHome(), kafkaHome).run("kafka.tools.StorageTool",
                arguments);
        if (!outcome.succeeded()) {
            return AgentResult.failed("format", "kafka-storage format failed: " + outcome.output(),
                    Map.of("output", outcome.output()));
        }
        return AgentResult.changed("format", "formatted " + String.join(",", dirs) + " with cluster.id "
                + clusterId + " and node.id " + nodeId + (seat.isEmpty() ? "" : " " + String.join(" ", seat)),
                Map.of("clusterId", clusterId, "nodeId", nodeId, "quorumArguments", seat));
    }

    private static AgentResult checkIdentity(MetaProperties meta, String clusterId, int nodeId) {
        Map<String, Object> facts = Map.of("metaProperties", meta.file().toString(),
                "clusterId", String.valueOf(meta.clusterId()), "nodeId", String.valueOf(meta.nodeId()));
        if (!clusterId.equals(meta.clusterId())) {
            return AgentResult.failed("format", meta.file() + " holds cluster.id " + meta.clusterId()
                    + " but the plan says " + clusterId + "; nothing was changed. Set cluster.clusterId to "
                    + meta.clusterId() + " if this is the same cluster", facts);
        }
        if (meta.nodeId() == null || meta.nodeId() != nodeId) {
            return AgentResult.failed("format", meta.file() + " holds node.id " + meta.nodeId()
                    + " but the plan says " + nodeId + "; nothing was changed. Fix the broker's nodeId in the "
                    + "inventory", facts);
        }
        return AgentResult.ok("format", "already formatted with cluster.id " + clusterId + " and node.id " + nodeId,
                facts);
    }
}
