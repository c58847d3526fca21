package io.plk.orchestrator.plays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plk.agent.protocol.AgentResult;
import io.plk.agent.protocol.Status;
import io.plk.orchestrator.inventory.InventoryLoader;
import io.plk.orchestrator.inventory.RunbookInventory;
import io.plk.orchestrator.plan.AppliedNode;
import io.plk.orchestrator.plan.Plan;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RemoveBrokersPlayTest {
    private static final String BROKERS = RunbookInventory.THREE_CONTROLLERS + """
              - {nodeId: 4, azId: usw2-az1, host: 10.0.0.31, roles: [broker]}
              - {nodeId: 5, azId: usw2-az2, host: 10.0.64.31, roles: [broker]}
              - {nodeId: 6, azId: usw2-az3, host: 10.0.128.31, roles: [broker]}
            """;
    private static final String SEVENTH = "  - {nodeId: 7, azId: usw2-az1, host: 10.0.0.32, roles: [broker]}\n";

    /** Five controllers of a Kafka 4.1 dynamic quorum, three brokers: controllers 4 and 5 may leave. */
    private static final String FIVE_VOTERS = RunbookInventory.THREE_CONTROLLERS + """
              - {nodeId: 4, azId: usw2-az1, host: 10.0.0.22, roles: [controller]}
              - {nodeId: 5, azId: usw2-az2, host: 10.0.64.22, roles: [controller]}
              - {nodeId: 6, azId: usw2-az1, host: 10.0.0.31, roles: [broker]}
              - {nodeId: 7, azId: usw2-az2, host: 10.0.64.31, roles: [broker]}
              - {nodeId: 8, azId: usw2-az3, host: 10.0.128.31, roles: [broker]}
            """;

    private final List<String> calls = new ArrayList<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** An inventory whose last apply had broker 7, now without it: the plan and who leaves. */
    private Plan withoutSeventh() throws Exception {
        Path inventory = RunbookInventory.write(RunbookInventory.withNodes(BROKERS + SEVENTH));
        AppliedNodes.write(Plan.of(InventoryLoader.load(inventory)));
        Files.writeString(inventory, RunbookInventory.withNodes(BROKERS));
        return Plan.of(InventoryLoader.load(inventory));
    }

    /** The same for a Kafka 4.1 dynamic quorum: applied with {@code before}, now with {@code after}. */
    private Plan dynamic(String before, String after) throws Exception {
        String kafka41 = RunbookInventory.TEXT.replace("3.7.1/kafka_2.13-3.7.1.tgz", "4.1.1/kafka_2.13-4.1.1.tgz")
                .replace("  heap: ", "  quorum: dynamic\n  heap: ");
        Path inventory = RunbookInventory.write(kafka41.replace(RunbookInventory.COMBINED_NODES, before));
        AppliedNodes.write(Plan.of(InventoryLoader.load(inventory)));
        Files.writeString(inventory, kafka41.replace(RunbookInventory.COMBINED_NODES, after));
        return Plan.of(InventoryLoader.load(inventory));
    }

    private RemoveBrokersPlay.LeftHost terminating() {
        return node -> {
            calls.add("terminate " + node.nodeId());
            return new RemoveBrokersPlay.Released(Status.CHANGED, "- delete instance broker-node" + node.nodeId());
        };
    }

    private RemoveBrokersPlay play(RemoveBrokersPlay.LeftHost leftHost) {
        return new RemoveBrokersPlay(new Report(new PrintStream(out)), 1_000_000, leftHost);
    }

    private NodeCommand recording(String failing) {
        return (node, command, fields) -> {
            calls.add(command + " on " + node.nodeId() + " " + new java.util.TreeMap<>(fields));
            return command.equals(failing) ? AgentResult.failed(command, "2 partitions still moving", Map.of())
                    : AgentResult.changed(command, "done", Map.of());
        };
    }

    private List<AppliedNode> leaving(Plan plan) throws Exception {
        return MembershipGate.admit(plan, false, true).removed();
    }

    @Test
    void theBrokerIsEmptiedThenStoppedThenUnregisteredAndForgotten() throws Exception {
        Plan plan = withoutSeventh();
        play(RemoveBrokersPlay.LeftHost.KEPT).run(plan, recording(""), leaving(plan));
        assertEquals(List.of("reassign on 4 {removeNodeId=7, throttleBytesPerSecond=1000000}", "stop on 7 {}",
                "unregister on 4 {removeNodeId=7}"), calls);
        assertEquals(List.of(), leaving(plan), "the next apply no longer sees broker 7 leave");
        assertTrue(out.toString().contains("remove broker 7 (10.0.0.32, usw2-az1)"), out.toString());
        assertTrue(out.toString().contains("release: its host keeps running"), out.toString());
    }

    @Test
    void anInstanceIsTerminatedOnlyOnceItsNodeIsEmptyStoppedAndUnregistered() throws Exception {
        Plan plan = withoutSeventh();
        play(terminating()).run(plan, recording(""), leaving(plan));
        assertEquals(List.of("reassign on 4 {removeNodeId=7, throttleBytesPerSecond=1000000}", "stop on 7 {}",
                "unregister on 4 {removeNodeId=7}", "terminate 7"), calls);
        assertTrue(out.toString().contains("release: - delete instance broker-node7"), out.toString());
    }

    @Test
    void aStopThatFailsTerminatesNothing() throws Exception {
        Plan plan = withoutSeventh();
        assertThrows(PlayFailedException.class, () -> play(terminating()).run(plan, recording("stop"), leaving(plan)));
        assertEquals(List.of("reassign on 4 {removeNodeId=7, throttleBytesPerSecond=1000000}", "stop on 7 {}"), calls);
        assertEquals(List.of(7), leaving(plan).stream().map(AppliedNode::nodeId).toList());
    }

    @Test
    void controllersOfADynamicQuorumLeaveItsVotersBeforeTheyStopOneAtATime() throws Exception {
        Plan plan = dynamic(FIVE_VOTERS, RunbookInventory.THREE_CONTROLLERS + FIVE_VOTERS.lines().skip(5)
                .map(l -> l + "\n").collect(java.util.stream.Collectors.joining()));
        play(terminating()).run(plan, recording(""), leaving(plan));
        assertEquals(List.of("removeVoter on 6 {removeNodeId=4}", "stop on 4 {}", "terminate 4",
                "removeVoter on 6 {removeNodeId=5}", "stop on 5 {}", "terminate 5"), calls);
        assertEquals(List.of(), leaving(plan));
    }

    @Test
    void aCombinedNodeIsEmptiedThenLeavesTheVotersThenStopsAndIsUnregistered() throws Exception {
        String fiveCombined = RunbookInventory.COMBINED_NODES
                + "  - {nodeId: 4, azId: usw2-az1, host: 10.0.0.13}\n"
                + "  - {nodeId: 5, azId: usw2-az2, host: 10.0.64.13}\n";
        Plan plan = dynamic(fiveCombined, RunbookInventory.COMBINED_NODES);
        List<AppliedNode> leaving = leaving(plan);
        play(RemoveBrokersPlay.LeftHost.KEPT).run(plan, recording(""), leaving.subList(0, 1));
        assertEquals(List.of("reassign on 1 {removeNodeId=4, throttleBytesPerSecond=1000000}",
                "removeVoter on 1 {removeNodeId=4}", "stop on 4 {}", "unregister on 1 {removeNodeId=4}"), calls);
    }

    @Test
    void aVoterThatMayNotLeaveStopsNothing() throws Exception {
        Plan plan = dynamic(FIVE_VOTERS, RunbookInventory.THREE_CONTROLLERS + FIVE_VOTERS.lines().skip(5)
                .map(l -> l + "\n").collect(java.util.stream.Collectors.joining()));
        PlayFailedException failed = assertThrows(PlayFailedException.class,
                () -> play(terminating()).run(plan, recording("removeVoter"), leaving(plan)));
        assertTrue(failed.getMessage().contains("removeVoter"), failed.getMessage());
        assertEquals(List.of("removeVoter on 6 {removeNodeId=4}"), calls);
        assertEquals(List.of(4, 5), leaving(plan).stream().map(AppliedNode::nodeId).toList());
    }

    @Test
    void aMoveThatFailsStopsNothingAndTheNodeStaysToLeave() throws Exception {
        Plan plan = withoutSeventh();
        PlayFailedException failed = assertThrows(PlayFailedException.class,
                () -> play(RemoveBrokersPlay.LeftHost.KEPT).run(plan, recording("reassign"), leaving(plan)));
        assertTrue(failed.getMessage().contains("re-run apply --remove-brokers"), failed.getMessage());
        assertEquals(1, calls.size(), calls.toString());
        assertEquals(List.of(7), leaving(plan).stream().map(AppliedNode::nodeId).toList());
    }
}
