package io.plk.orchestrator.plays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plk.agent.protocol.AgentResult;
import io.plk.orchestrator.inventory.BadInputException;
import io.plk.orchestrator.inventory.InventoryLoader;
import io.plk.orchestrator.inventory.RunbookInventory;
import io.plk.orchestrator.plan.BrokerPlan;
import io.plk.orchestrator.plan.Plan;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ReplaceBrokerPlayTest {
    private static final String KAFKA_41 = RunbookInventory.TEXT.replace("3.7.1/kafka_2.13-3.7.1.tgz",
            "4.1.1/kafka_2.13-4.1.1.tgz");
    private static final String DEDICATED = RunbookInventory.withNodes(RunbookInventory.THREE_CONTROLLERS + """
              - {nodeId: 4, azId: usw2-az1, host: 10.0.0.31, roles: [broker]}
              - {nodeId: 5, azId: usw2-az2, host: 10.0.64.31, roles: [broker]}
              - {nodeId: 6, azId: usw2-az3, host: 10.0.128.31, roles: [broker]}
            """);
    private static final AgentResult EMPTY_HOST = AgentResult.ok("facts", "", Map.of("formatted", false));

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @Test
    void aBrokerIsFormattedOnlyAfterTheClusterSeesItGoneThenStartedAndWaitedFor() throws Exception {
        Plan plan = plan(DEDICATED.replace("  heap: ", "  quorum: static\n  heap: "));
        Recording agents = new Recording(plan, List.of(1, 2, 3, 5, 6), List.of(1, 2, 3));
        replace(plan, agents, 4, EMPTY_HOST);
        assertEquals(List.of("health of 4 on 5", "format on 4 {}", "start on 4 {}", "health of 4 on 4"), agents.calls);
        assertTrue(out.toString().contains("the cluster sees no node 4 alive"), out.toString());
    }

    @Test
    void aBrokerTheClusterStillSeesAliveIsNotFormatted() throws Exception {
        Plan plan = plan(DEDICATED);
        Recording agents = new Recording(plan, List.of(4, 5, 6), List.of(1, 2, 3));
        GateBlockedException refused = assertThrows(GateBlockedException.class,
                () -> replace(plan, agents, 4, EMPTY_HOST));
        assertTrue(refused.getMessage().contains("broker 4 is registered and unfenced")
                && refused.getMessage().contains("nothing was formatted"), refused.getMessage());
        assertEquals(List.of("health of 4 on 5"), agents.calls);
    }

    @Test
    void aVoterOfADynamicQuorumJoinsAsAnObserverThenItsLostVoterGoesThenItIsAddedAgain() throws Exception {
        Plan plan = plan(KAFKA_41.replace("  heap: ", "  quorum: dynamic\n  heap: "));
        Recording agents = new Recording(plan, List.of(1, 2), List.of(1, 2));
        replace(plan, agents, 3, EMPTY_HOST);
        assertEquals(List.of("health of 3 on 1", "format on 3 {initialControllers=null, joinQuorum=true}",
                "removeVoter on 1 {removeNodeId=3, replacing=true}", "start on 3 {}", "addVoter on 3 {}",
                "health of 3 on 3"), agents.calls);
    }

    @Test
    void aVoterOfAStaticQuorumIsRefusedBeforeAnythingRuns() throws Exception {
        Plan plan = plan(RunbookInventory.TEXT);
        Recording agents = new Recording(plan, List.of(1, 2), List.of(1, 2));
        GateBlockedException refused = assertThrows(GateBlockedException.class,
                () -> replace(plan, agents, 3, EMPTY_HOST));
        assertTrue(refused.getMessage().contains("static quorum"), refused.getMessage());
        assertEquals(List.of(), agents.calls);
    }

    @Test
    void aReRunOnAFormattedRunningNodeAsksNoAlivenessAndStartsNothing() throws Exception {
        Plan plan = plan(KAFKA_41.replace("  heap: ", "  quorum: dynamic\n  heap: "));
        Recording agents = new Recording(plan, List.of(1, 2, 3), List.of(1, 2, 3));
        replace(plan, agents, 3, AgentResult.ok("facts", "", Map.of("formatted", true, "pid", 42)));
        assertEquals(List.of("format on 3 {initialControllers=null, joinQuorum=true}",
                "removeVoter on 1 {removeNodeId=3, replacing=true}", "addVoter on 3 {}", "health of 3 on 3"),
                agents.calls);
    }

    @Test
    void aNodeTheInventoryLacksIsBadInput() throws Exception {
        BadInputException bad = assertThrows(BadInputException.class,
                () -> ReplaceBrokerPlay.target(plan(RunbookInventory.TEXT), 7));
        assertTrue(bad.getMessage().contains("--replace-broker 7: brokers: has no node with nodeId 7 (it has [1, 2, 3])"),
                bad.getMessage());
    }

    private void replace(Plan plan, Recording agents, int nodeId, AgentResult facts) throws IOException {
        BrokerPlan node = ReplaceBrokerPlay.target(plan, nodeId);
        new ReplaceBrokerPlay(new Report(new PrintStream(out)), Duration.ofSeconds(2)).run(plan, agents, node, facts);
    }

    private static Plan plan(String yaml) throws IOException {
        return Plan.of(InventoryLoader.load(RunbookInventory.write(yaml)));
    }

    /** Agents that answer every command with "changed" and health with the given live brokers and caught-up voters. */
    private static final class Recording implements ReplaceBrokerPlay.Agents {
        final List<String> calls = new ArrayList<>();
        private final Plan plan;
        private final List<Integer> liveBrokers;
        private final List<Integer> caughtUpVoters;

        Recording(Plan plan, List<Integer> liveBrokers, List<Integer> caughtUpVoters) {
            this.plan = plan;
            this.liveBrokers = liveBrokers;
            this.caughtUpVoters = caughtUpVoters;
        }

        @Override
        public AgentResult run(BrokerPlan node, String command, Map<String, Object> fields) {
            calls.add(command + " on " + node.nodeId() + " " + new TreeMap<>(fields));
            return AgentResult.changed(command, "done", Map.of("startedAtMs", 1L));
        }

        @Override
        public AgentResult run(BrokerPlan broker, String command) {
            return run(broker, command, Map.of());
        }

        @Override
        public HealthView health(BrokerPlan observer, BrokerPlan subject) {
            calls.add("health of " + subject.nodeId() + " on " + observer.nodeId());
            return view(subject);
        }

        @Override
        public HealthView health(BrokerPlan subject, Long restartedAtMs) {
            calls.add("health of " + subject.nodeId() + " on " + subject.nodeId());
            return view(subject);
        }

        private HealthView view(BrokerPlan subject) {
            List<Map<String, Object>> voters = caughtUpVoters.stream()
                    .map(id -> Map.<String, Object>of("nodeId", id, "caughtUp", true)).toList();
            return new HealthView(AgentResult.ok("health", "", Map.of("liveBrokers", liveBrokers, "voters", voters,
                    "registered", true, "caughtUp", true, "quorumHealthy", true, "inIsr", true,
                    "underReplicatedPartitions", 0, "canRecover", true)));
        }

        @Override
        public Path inventoryFile() {
            return plan.inventory().file();
        }

        @Override
        public String clusterName() {
            return plan.clusterName();
        }
    }
}
