package io.plk.orchestrator.plays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plk.agent.protocol.AgentResult;
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

    private final List<String> calls = new ArrayList<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** An inventory whose last apply had broker 7, now without it: the plan and who leaves. */
    private Plan withoutSeventh() throws Exception {
        Path inventory = RunbookInventory.write(RunbookInventory.withNodes(BROKERS + SEVENTH));
        AppliedNodes.write(Plan.of(InventoryLoader.load(inventory)));
        Files.writeString(inventory, RunbookInventory.withNodes(BROKERS));
        return Plan.of(InventoryLoader.load(inventory));
    }

    private RemoveBrokersPlay.Agents recording(String failing) {
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
        new RemoveBrokersPlay(new Report(new PrintStream(out)), 1_000_000).run(plan, recording(""), leaving(plan));
        assertEquals(List.of("reassign on 4 {removeNodeId=7, throttleBytesPerSecond=1000000}", "stop on 7 {}",
                "unregister on 4 {removeNodeId=7}"), calls);
        assertEquals(List.of(), leaving(plan), "the next apply no longer sees broker 7 leave");
        assertTrue(out.toString().contains("remove broker 7 (10.0.0.32, usw2-az1)"), out.toString());
    }

    @Test
    void aMoveThatFailsStopsNothingAndTheNodeStaysToLeave() throws Exception {
        Plan plan = withoutSeventh();
        PlayFailedException failed = assertThrows(PlayFailedException.class, () -> new RemoveBrokersPlay(
                new Report(new PrintStream(out)), 1_000_000).run(plan, recording("reassign"), leaving(plan)));
        assertTrue(failed.getMessage().contains("re-run apply --remove-brokers"), failed.getMessage());
        assertEquals(1, calls.size(), calls.toString());
        assertEquals(List.of(7), leaving(plan).stream().map(AppliedNode::nodeId).toList());
    }
}
