package io.plk.agent.kafka;

import io.plk.agent.protocol.AgentRequest;
import io.plk.agent.protocol.AgentResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

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
        String java = Java.binary(request.javaHome());
        String kafkaHome = request.require(request.kafkaHome(), "kafkaHome");
        String config = request.require(request.configFile(), "configFile");
        Process process = new ProcessBuilder(java, "-Xmx128m", "-cp", Java.kafkaClassPath(kafkaHome),
                "kafka.tools.StorageTool", "format", "-t", clusterId, "-c", config)
                .redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            return AgentResult.failed("format", "kafka-storage format failed: " + output.strip(),
                    Map.of("output", output));
        }
        return AgentResult.changed("format", "formatted " + String.join(",", dirs) + " with cluster.id "
                + clusterId + " and node.id " + nodeId, Map.of("clusterId", clusterId, "nodeId", nodeId));
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
