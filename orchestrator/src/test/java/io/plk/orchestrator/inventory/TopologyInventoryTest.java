package io.plk.orchestrator.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Roles, quorum sizes, replication factors, ports by node id and the load balancer's listener quota. */
class TopologyInventoryTest {
    private static final String B1 = "  - {nodeId: 1, azId: usw2-az1, host: 10.0.0.12}\n";
    private static final String B2 = "  - {nodeId: 2, azId: usw2-az2, host: 10.0.64.12}\n";
    private static final String B3 = "  - {nodeId: 3, azId: usw2-az3, host: 10.0.128.12}\n";
    private static final String COMBINED = B1 + B2 + B3;

    private static String nodes(int first, int last, String roles) {
        return IntStream.rangeClosed(first, last).mapToObj(id -> "  - {nodeId: " + id + ", azId: usw2-az"
                + (1 + id % 3) + ", host: 10.0." + id + ".9, roles: " + roles + "}\n").collect(Collectors.joining());
    }

    private static final String DEDICATED = nodes(1, 3, "[controller]") + nodes(4, 6, "[broker]");

    @Test
    void rolesDefaultToCombinedAndDedicatedNodesLoad() throws Exception {
        Inventory runbook = InventoryLoader.load(RunbookInventory.write(RunbookInventory.TEXT));
        assertEquals(Set.of(Role.BROKER, Role.CONTROLLER), runbook.brokers().get(0).roles());
        Inventory dedicated = InventoryLoader.load(RunbookInventory.write(RunbookInventory.TEXT.replace(COMBINED,
                DEDICATED)));
        assertEquals(Set.of(Role.CONTROLLER), dedicated.brokers().get(0).roles());
        assertEquals(Set.of(Role.BROKER), dedicated.brokers().get(5).roles());
    }

    @Test
    void anUnknownOrEmptyRoleIsNamedWithItsLine() throws Exception {
        RunbookInventory.assertRefused(B2, B2.replace("}", ", roles: [broker, voter]}"), "brokers[1].roles[1]", 23,
                "'voter' is not a role");
        RunbookInventory.assertRefused(B2, B2.replace("}", ", roles: []}"), "brokers[1].roles", 23, "is empty");
    }

    @Test
    void controllerCountsThatCannotBeRolledAreRefused() throws Exception {
        RunbookInventory.assertRefused(COMBINED, nodes(1, 2, "[controller]") + nodes(3, 5, "[broker]"), "brokers", 21,
                "2 nodes with the controller role make 2 KRaft voters: an even quorum");
        RunbookInventory.assertRefused(COMBINED, nodes(1, 4, "[controller]") + nodes(5, 7, "[broker]"), "brokers", 21,
                "even quorum");
        RunbookInventory.assertRefused(COMBINED, nodes(1, 7, "[controller]") + nodes(8, 10, "[broker]"), "brokers", 21,
                "more than 5 voters");
        RunbookInventory.assertRefused(COMBINED, nodes(1, 3, "[broker]"), "brokers", 21, "needs a metadata quorum");
        InventoryLoader.load(RunbookInventory.write(RunbookInventory.TEXT.replace(COMBINED,
                nodes(1, 5, "[controller]") + nodes(6, 8, "[broker]"))));
    }

    @Test
    void tooFewBrokersForKafkasReplicationFactorsAreRefused() throws Exception {
        RunbookInventory.assertRefused(COMBINED, nodes(1, 3, "[controller]") + nodes(4, 5, "[broker]"), "brokers", 21,
                "2 node(s) with the broker role are fewer than offsets.topic.replication.factor 3 (Kafka's default)");
        RunbookInventory.assertRefused(COMBINED, nodes(1, 3, "[controller]"), "brokers", 21,
                "no node has the broker role");
        RunbookInventory.assertRefused("  heap: 1g", "  heap: 1g\n  properties: {default.replication.factor: 4}",
                "brokers", 22, "fewer than default.replication.factor 4 (cluster.properties)");
    }

    @Test
    void aControllerOnlyNodeHasNoLoadBalancerPort() throws Exception {
        RunbookInventory.assertRefused(COMBINED, nodes(1, 3, "[controller]").replace("roles: [controller]}",
                "roles: [controller], advertisedPort: 9200}") + nodes(4, 6, "[broker]"), "brokers[0].advertisedPort",
                22, "a controller-only node has no EXTERNAL listener");
    }

    @Test
    void portsFollowNodeIdsSoAGapOrAnotherOrderMovesNoOne() throws Exception {
        var privateLink = InventoryLoader.load(RunbookInventory.write(RunbookInventory.TEXT)).privateLink();
        var reordered = InventoryLoader.load(RunbookInventory.write(RunbookInventory.TEXT.replace(COMBINED,
                B3 + B1 + B2)));
        for (BrokerSpec broker : reordered.brokers()) {
            assertEquals(9092 + broker.nodeId(), privateLink.advertisedPort(broker), "node " + broker.nodeId());
        }
        var withGap = InventoryLoader.load(RunbookInventory.write(RunbookInventory.TEXT.replace(COMBINED,
                nodes(1, 3, "[controller]") + nodes(4, 5, "[broker]") + nodes(9, 9, "[broker]"))));
        assertEquals(9101, privateLink.advertisedPort(withGap.brokers().get(5)), "node 9: 9093 + 9 - 1");
    }

    @Test
    void anExplicitPortThatTakesAnotherBrokersIsRefused() throws Exception {
        RunbookInventory.assertRefused(B3, B3.replace("}", ", advertisedPort: 9094}"), "brokers[2].advertisedPort",
                24, "advertised port 9094 is already used by brokers[1]");
        RunbookInventory.assertRefused(B1, B1.replace("nodeId: 1", "nodeId: 0"), "brokers[0].nodeId", 22,
                "advertised port 9092 is already used by privateLink.bootstrapPort");
    }

    @Test
    void moreBrokersThanANetworkLoadBalancerHasListenersAreRefused() throws Exception {
        String fifty = nodes(1, 3, "[controller]") + IntStream.rangeClosed(4, 53).mapToObj(id -> "  - {nodeId: "
                + id + ", azId: usw2-az1, host: 10.1." + id + ".9, roles: [broker]}\n").collect(Collectors.joining());
        RunbookInventory.assertRefused(COMBINED, fifty, "brokers[0].nodeId", 22,
                "50 brokers need 51 load balancer listeners (one per broker and the bootstrap), but an AWS network "
                        + "load balancer has at most 50: one endpoint service serves at most 49 brokers");
        InventoryLoader.load(RunbookInventory.write(RunbookInventory.TEXT.replace(COMBINED,
                fifty.substring(0, fifty.lastIndexOf("  - {")))));
    }

    @Test
    void existingClustersListBrokersOnly() throws Exception {
        String existing = RunbookInventory.TEXT.replace("brokers:",
                "existing: {configFile: /x, kafkaHome: /k, service: {systemd: kafka}}\nbrokers:");
        Path file = RunbookInventory.write(existing.replace(B3, B3.replace("}", ", roles: [controller]}")));
        var e = org.junit.jupiter.api.Assertions.assertThrows(InventoryException.class,
                () -> InventoryLoader.load(file));
        assertTrue(e.getMessage().contains("brokers[2].roles") && e.getMessage().contains("lists only the brokers"),
                e.getMessage());
    }

    @Test
    void theQuorumModeIsStaticOrDynamicAndDynamicNeedsKafka39() throws Exception {
        RunbookInventory.assertRefused("  heap: 1g", "  heap: 1g\n  quorum: elastic", "cluster.quorum", 8,
                "'elastic' is not static or dynamic");
        RunbookInventory.assertRefused("  heap: 1g", "  heap: 1g\n  quorum: dynamic", "cluster.quorum", 8,
                "dynamic needs Kafka 3.9 or later (KIP-853) but cluster.kafka.archive is kafka_2.13-3.7.1.tgz");
    }
}
