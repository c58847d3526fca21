package io.plk.orchestrator.plays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plk.orchestrator.inventory.InventoryLoader;
import io.plk.orchestrator.inventory.RunbookInventory;
import io.plk.orchestrator.plan.AppliedNode;
import io.plk.orchestrator.plan.BrokerPlan;
import io.plk.orchestrator.plan.NodeChanges;
import io.plk.orchestrator.plan.Plan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who joins, who leaves, whose port moves, against the nodes the last apply left: and what apply refuses. */
class MembershipGateTest {
    private static final String CONTROLLERS = RunbookInventory.THREE_CONTROLLERS;
    private static final String BROKERS = """
              - {nodeId: 4, azId: usw2-az1, host: 10.0.0.31, roles: [broker]}
              - {nodeId: 5, azId: usw2-az2, host: 10.0.64.31, roles: [broker]}
              - {nodeId: 6, azId: usw2-az3, host: 10.0.128.31, roles: [broker]}
            """;
    private static final String FOURTH = "  - {nodeId: 7, azId: usw2-az1, host: 10.0.0.32, roles: [broker]}\n";

    /** The same inventory file with another brokers list: the record next to it stays. */
    private static Plan rewrite(Path inventory, String nodes) throws Exception {
        Files.writeString(inventory, RunbookInventory.withNodes(nodes));
        return Plan.of(InventoryLoader.load(inventory));
    }

    private static Path applied(String nodes) throws Exception {
        Path inventory = RunbookInventory.write(RunbookInventory.withNodes(nodes));
        AppliedNodes.write(Plan.of(InventoryLoader.load(inventory)));
        return inventory;
    }

    @Test
    void nothingAppliedYetMeansNoChangeToRefuse() throws Exception {
        Plan plan = Plan.of(InventoryLoader.load(RunbookInventory.write(RunbookInventory.TEXT)));
        NodeChanges changes = MembershipGate.admit(plan, false, false);
        assertEquals(List.of(), changes.added());
        assertEquals(List.of(), changes.describe());
    }

    @Test
    void aJoiningBrokerIsAdmittedAndNew() throws Exception {
        Path inventory = applied(CONTROLLERS + BROKERS);
        Plan plan = rewrite(inventory, CONTROLLERS + BROKERS + FOURTH);
        NodeChanges changes = MembershipGate.admit(plan, false, false);
        assertEquals(List.of(7), changes.added().stream().map(BrokerPlan::nodeId).toList());
        assertTrue(changes.isNew(plan.broker(7)));
        assertEquals(List.of("joins: broker 7 (10.0.0.32, usw2-az1), load balancer port 9099 "
                + "(b7.usw2-az1.unique_name.aws.plc.tidbcloud.com:9099)"), changes.describe());
    }

    @Test
    void aNodeThatLeftIsRefusedBeforeAnythingChanges() throws Exception {
        Path inventory = applied(CONTROLLERS + BROKERS + FOURTH);
        Plan plan = rewrite(inventory, CONTROLLERS + BROKERS);
        GateBlockedException blocked = assertThrows(GateBlockedException.class,
                () -> MembershipGate.admit(plan, true, false));
        assertTrue(blocked.getMessage().contains("node 7 (10.0.0.32) was applied before")
                && blocked.getMessage().contains("Nothing was changed"), blocked.getMessage());
    }

    @Test
    void aBrokerThatLeftIsAdmittedWithRemoveBrokers() throws Exception {
        Path inventory = applied(CONTROLLERS + BROKERS + FOURTH);
        Plan plan = rewrite(inventory, CONTROLLERS + BROKERS);
        NodeChanges changes = MembershipGate.admit(plan, false, true);
        assertEquals(List.of(7), changes.removed().stream().map(AppliedNode::nodeId).toList());
        assertEquals("usw2-az1", changes.removed().get(0).azId());
        BrokerPlan leaving = plan.leaving(changes.removed().get(0));
        assertEquals("b7.usw2-az1.unique_name.aws.plc.tidbcloud.com:9099", leaving.externalAdvertised().toString());
        assertEquals("10.0.0.32", leaving.host());
    }

    @Test
    void aControllerThatLeftIsRefusedEvenWithRemoveBrokers() throws Exception {
        Path inventory = applied(CONTROLLERS + BROKERS);
        Plan plan = rewrite(inventory, CONTROLLERS.lines().limit(CONTROLLERS.lines().count() - 1)
                .map(l -> l + "\n").collect(java.util.stream.Collectors.joining())
                + "  - {nodeId: 8, azId: usw2-az3, host: 10.0.128.22, roles: [controller]}\n" + BROKERS);
        GateBlockedException blocked = assertThrows(GateBlockedException.class,
                () -> MembershipGate.admit(plan, false, true));
        assertTrue(blocked.getMessage().contains("is a controller that left brokers:, and the quorum is static"),
                blocked.getMessage());
    }

    @Test
    void aControllerOfADynamicQuorumThatLeftNeedsRemoveBrokersAndLeavesTheVoters() throws Exception {
        String kafka41 = RunbookInventory.TEXT.replace("3.7.1/kafka_2.13-3.7.1.tgz", "4.1.1/kafka_2.13-4.1.1.tgz")
                .replace("  heap: ", "  quorum: dynamic\n  heap: ");
        String five = CONTROLLERS + "  - {nodeId: 8, azId: usw2-az1, host: 10.0.0.22, roles: [controller]}\n"
                + "  - {nodeId: 9, azId: usw2-az2, host: 10.0.64.22, roles: [controller]}\n";
        Path inventory = RunbookInventory.write(kafka41.replace(RunbookInventory.COMBINED_NODES, five + BROKERS));
        AppliedNodes.write(Plan.of(InventoryLoader.load(inventory)));
        Files.writeString(inventory, kafka41.replace(RunbookInventory.COMBINED_NODES, CONTROLLERS + BROKERS));
        Plan plan = Plan.of(InventoryLoader.load(inventory));
        GateBlockedException blocked = assertThrows(GateBlockedException.class,
                () -> MembershipGate.admit(plan, false, false));
        assertTrue(blocked.getMessage().contains("node 8 (10.0.0.22) was applied before")
                && blocked.getMessage().contains("it leaves the quorum's voters, it stops;"), blocked.getMessage());
        assertEquals(List.of(8, 9), MembershipGate.admit(plan, false, true).removed().stream()
                .map(AppliedNode::nodeId).toList());
    }

    @Test
    void aControllerJoiningADynamicQuorumIsAdmitted() throws Exception {
        String kafka41 = RunbookInventory.TEXT.replace("3.7.1/kafka_2.13-3.7.1.tgz", "4.1.1/kafka_2.13-4.1.1.tgz")
                .replace("  heap: ", "  quorum: dynamic\n  heap: ");
        Path inventory = RunbookInventory.write(kafka41.replace(RunbookInventory.COMBINED_NODES, CONTROLLERS + BROKERS));
        AppliedNodes.write(Plan.of(InventoryLoader.load(inventory)));
        Files.writeString(inventory, kafka41.replace(RunbookInventory.COMBINED_NODES, CONTROLLERS
                + "  - {nodeId: 8, azId: usw2-az1, host: 10.0.0.22, roles: [controller]}\n"
                + "  - {nodeId: 9, azId: usw2-az2, host: 10.0.64.22, roles: [controller]}\n" + BROKERS));
        Plan plan = Plan.of(InventoryLoader.load(inventory));
        assertEquals(List.of(8, 9), MembershipGate.admit(plan, false, false).added().stream()
                .map(BrokerPlan::nodeId).toList());
    }

    @Test
    void aControllerJoiningARunningQuorumIsRefused() throws Exception {
        Path inventory = applied(CONTROLLERS + BROKERS);
        Plan plan = rewrite(inventory, CONTROLLERS
                + "  - {nodeId: 8, azId: usw2-az1, host: 10.0.0.22, roles: [controller]}\n"
                + "  - {nodeId: 9, azId: usw2-az2, host: 10.0.64.22, roles: [controller]}\n" + BROKERS);
        GateBlockedException blocked = assertThrows(GateBlockedException.class,
                () -> MembershipGate.admit(plan, false, false));
        assertTrue(blocked.getMessage().contains("controller 8 (10.0.0.22, usw2-az1) would join the running quorum")
                && blocked.getMessage().contains("the quorum is static"), blocked.getMessage());
    }

    @Test
    void aMovedPortNeedsTheFlag() throws Exception {
        Path inventory = applied(CONTROLLERS + BROKERS);
        Plan plan = rewrite(inventory, CONTROLLERS + BROKERS.replace("host: 10.0.64.31,", "host: 10.0.64.31, "
                + "advertisedPort: 9200,"));
        GateBlockedException blocked = assertThrows(GateBlockedException.class,
                () -> MembershipGate.admit(plan, false, false));
        assertTrue(blocked.getMessage().contains("broker 5 (10.0.64.31, usw2-az2): load balancer port 9097 -> 9200")
                && blocked.getMessage().contains("--allow-port-change"), blocked.getMessage());
        assertEquals(List.of("moves: broker 5 (10.0.64.31, usw2-az2): load balancer port 9097 -> 9200"),
                MembershipGate.admit(plan, true, false).describe());
    }

    @Test
    void reorderingTheBrokersMovesNoPort() throws Exception {
        Path inventory = applied(CONTROLLERS + BROKERS);
        List<String> reversed = new java.util.ArrayList<>(BROKERS.lines().toList());
        java.util.Collections.reverse(reversed);
        Plan plan = rewrite(inventory, CONTROLLERS + String.join("\n", reversed) + "\n");
        assertEquals(List.of(), MembershipGate.admit(plan, false, false).describe());
    }

    @Test
    void aRecordApplyDidNotWriteIsRefusedWithWhatToDo() throws Exception {
        Path inventory = applied(CONTROLLERS + BROKERS);
        Files.writeString(AppliedNodes.pathFor(inventory), "nodes: [{nodeId: one}]\n");
        PlayFailedException failed = assertThrows(PlayFailedException.class, () -> AppliedNodes.read(inventory));
        assertTrue(failed.getMessage().contains("is not what apply wrote"), failed.getMessage());
    }
}
