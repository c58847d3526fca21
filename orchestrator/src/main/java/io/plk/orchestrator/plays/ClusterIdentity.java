package io.plk.orchestrator.plays;

import io.plk.agent.protocol.AgentResult;
import io.plk.orchestrator.inventory.InventoryEditor;
import io.plk.orchestrator.plan.BrokerPlan;
import io.plk.orchestrator.plan.Plan;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The cluster id: the inventory's, else the one formatted brokers already carry (they must agree),
 * else a new one, written back into the inventory so it is generated exactly once.
 */
final class ClusterIdentity {
    private ClusterIdentity() {
    }

    static Plan resolve(Plan plan, Map<BrokerPlan, AgentResult> facts, Report report) throws IOException {
        Map<String, String> found = new TreeMap<>();
        facts.forEach((broker, result) -> {
            Object id = result.facts().get("clusterId");
            if (id != null) {
                found.put(broker.label(), id.toString());
            }
        });
        long distinct = found.values().stream().distinct().count();
        if (distinct > 1) {
            throw new PlayFailedException("formatted brokers disagree on cluster.id: " + found
                    + "; they do not belong to one cluster. Fix the inventory's brokers list.");
        }
        String formatted = found.values().stream().findFirst().orElse(null);
        if (plan.clusterId().isPresent()) {
            if (formatted != null && !formatted.equals(plan.clusterId().get())) {
                throw new PlayFailedException("the inventory says cluster.clusterId " + plan.clusterId().get()
                        + " but the brokers are formatted with " + formatted + " (" + found.keySet() + "); "
                        + "nothing was changed. Set cluster.clusterId: " + formatted + " if this is that cluster");
            }
            return plan;
        }
        String id = formatted != null ? formatted : generate();
        InventoryEditor.set(plan.inventory().file(), "cluster", "clusterId", id);
        report.info("cluster.clusterId " + id + (formatted != null ? " taken from the formatted brokers" : " generated")
                + " and written into " + plan.inventory().file());
        if (plan.inventory().cluster().quorum() == null) {
            // with its id written, the cluster no longer looks new: the default would turn to static voters
            String mode = plan.quorum().mode().name().toLowerCase(java.util.Locale.ROOT);
            InventoryEditor.set(plan.inventory().file(), "cluster", "quorum", mode);
            report.info("cluster.quorum " + mode + " written next to it: the quorum this cluster is formatted with");
        }
        return plan.withClusterId(id);
    }

    /** Every formatted broker carries the plan's cluster id and its own node id. */
    static void check(Plan plan, Map<BrokerPlan, AgentResult> facts) {
        facts.forEach((broker, result) -> {
            Object clusterId = result.facts().get("clusterId");
            Object nodeId = result.facts().get("nodeId");
            if (clusterId != null && !clusterId.equals(plan.clusterId().orElse(null))) {
                throw new PlayFailedException(broker.label(), "identity", "formatted with cluster.id " + clusterId
                        + " but the inventory says " + plan.clusterId().orElse(null) + "; nothing was formatted or "
                        + "restarted. Fix cluster.clusterId if this is that cluster");
            }
            if (nodeId != null && ((Number) nodeId).intValue() != broker.nodeId()) {
                throw new PlayFailedException(broker.label(), "identity", "its meta.properties says node.id "
                        + nodeId + " but the inventory says " + broker.nodeId() + "; nothing was formatted or "
                        + "restarted. Fix the broker's nodeId (or host) in the inventory");
            }
        });
    }

    /** Kafka's own form: 16 random bytes, base64url without padding, never starting with '-'. */
    static String generate() {
        while (true) {
            UUID uuid = UUID.randomUUID();
            ByteBuffer bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                    .putLong(uuid.getLeastSignificantBits());
            String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
            if (!id.startsWith("-")) {
                return id;
            }
        }
    }
}
