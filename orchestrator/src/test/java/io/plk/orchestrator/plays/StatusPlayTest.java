package io.plk.orchestrator.plays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plk.agent.protocol.AgentResult;
import io.plk.orchestrator.inventory.InventoryLoader;
import io.plk.orchestrator.inventory.RunbookInventory;
import io.plk.orchestrator.kafka.BrokerConfig;
import io.plk.orchestrator.plan.Plan;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@code status} prints besides the agents' own answers: roles, the quorum's mode, the cloud side's ports. */
class StatusPlayTest {
    private static final String DEDICATED = RunbookInventory.THREE_CONTROLLERS + """
              - {nodeId: 4, azId: usw2-az1, host: 10.0.0.31, roles: [broker]}
              - {nodeId: 5, azId: usw2-az2, host: 10.0.64.31, roles: [broker]}
              - {nodeId: 7, azId: usw2-az3, host: 10.0.128.31, roles: [broker]}
            """;

    private static Plan dedicated() throws Exception {
        return Plan.of(InventoryLoader.load(RunbookInventory.write(RunbookInventory.withNodes(DEDICATED))));
    }

    @Test
    void thePortMapListsTheBrokersByNodeIdAndNoController() throws Exception {
        List<String> map = StatusPlay.portMap(dedicated());
        assertEquals(List.of("load balancer ports (cloud side):",
                "  9092   bootstrap, every broker",
                "  9096   b4.usw2-az1.unique_name.aws.plc.tidbcloud.com:9096 -> broker 4",
                "  9097   b5.usw2-az2.unique_name.aws.plc.tidbcloud.com:9097 -> broker 5",
                "  9099   b7.usw2-az3.unique_name.aws.plc.tidbcloud.com:9099 -> broker 7"), map);
    }

    @Test
    void eachRowSaysTheNodesRoles() throws Exception {
        Plan plan = dedicated();
        AgentResult stopped = AgentResult.ok("facts", "", Map.of("serviceMode", "detached", "formatted", false));
        List<String> controller = Arrays.asList(StatusPlay.row(plan.broker(1), new StatusPlay.Node(stopped, null,
                null), new BrokerConfig(plan)).split("\\s+"));
        assertEquals(List.of("10.0.0.21", "usw2-az1", "1", "controller", "no", "process", "missing", "unformatted",
                "-", "-"), controller);
        String broker = StatusPlay.row(plan.broker(4), new StatusPlay.Node(stopped, null, null), new BrokerConfig(plan));
        assertTrue(broker.startsWith("10.0.0.31        usw2-az1   4     broker "), broker);
    }

    @Test
    void theQuorumModeIsWhatTheConfigsSayAndDisagreementIsShown() {
        assertTrue(StatusPlay.quorumMode(Arrays.asList("dynamic", "dynamic", null)).startsWith("metadata quorum: dynamic"));
        assertTrue(StatusPlay.quorumMode(List.of("static")).contains("controller.quorum.voters"));
        assertEquals("metadata quorum: the nodes disagree (dynamic, static)",
                StatusPlay.quorumMode(List.of("static", "dynamic")));
        assertTrue(StatusPlay.quorumMode(Arrays.asList(null, null)).contains("unknown"));
    }
}
