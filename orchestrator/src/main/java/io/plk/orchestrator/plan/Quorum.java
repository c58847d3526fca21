package io.plk.orchestrator.plan;

import io.plk.agent.kafka.KafkaVersion;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The metadata quorum: its voters are the nodes with the controller role. Static ({@code controller.quorum.voters},
 * fixed at format time) or dynamic (KIP-853: {@code controller.quorum.bootstrap.servers}, voters added and removed
 * by the quorum itself).
 */
public record Quorum(Mode mode, List<BrokerPlan> controllers) {

    public enum Mode { STATIC, DYNAMIC }

    public Quorum {
        controllers = List.copyOf(controllers);
    }

    /**
     * The inventory's {@code cluster.quorum}, else dynamic for a new Kafka 4.x cluster (no cluster id yet), else
     * static: a cluster whose id was written back before the key existed was formatted with static voters.
     */
    static Mode choose(String configured, boolean newCluster, Optional<KafkaVersion> version) {
        if (configured != null) {
            return Mode.valueOf(configured.toUpperCase(java.util.Locale.ROOT));
        }
        return newCluster && version.filter(v -> v.major() >= 4).isPresent() ? Mode.DYNAMIC : Mode.STATIC;
    }

    Quorum withControllers(List<BrokerPlan> nodes) {
        return new Quorum(mode, nodes.stream().filter(BrokerPlan::isController).toList());
    }

    /** {@code controller.quorum.voters}: {@code 1@10.0.0.11:29092,...}. */
    public String voters() {
        return controllers.stream().map(c -> c.nodeId() + "@" + c.controller()).collect(Collectors.joining(","));
    }

    /** {@code controller.quorum.bootstrap.servers}: {@code 10.0.0.11:29092,...}. */
    public String bootstrapServers() {
        return controllers.stream().map(c -> c.controller().toString()).collect(Collectors.joining(","));
    }

    /**
     * {@code kafka-storage format --initial-controllers} of a new dynamic quorum: every controller is formatted
     * with the same list, each voter's metadata directory id derived from the cluster id and its node id, so that
     * any re-run computes the same list.
     */
    public String initialControllers(String clusterId) {
        return controllers.stream().map(c -> c.nodeId() + "@" + c.controller() + ":" + directoryId(clusterId, c.nodeId()))
                .collect(Collectors.joining(","));
    }

    /** A Kafka Uuid (16 bytes, base64url without padding) that no other cluster or node shares. */
    static String directoryId(String clusterId, int nodeId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(("plk directory " + clusterId + " " + nodeId).getBytes(StandardCharsets.UTF_8));
            ByteBuffer uuid = ByteBuffer.wrap(hash, 0, 16);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    ByteBuffer.allocate(16).putLong(uuid.getLong()).putLong(uuid.getLong()).array());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
