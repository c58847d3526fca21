package io.plk.orchestrator.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plk.orchestrator.inventory.InventoryLoader;
import io.plk.orchestrator.inventory.RunbookInventory;
import io.plk.orchestrator.kafka.BrokerConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the Plan derives from roles: voters, the load balancer's port map, bootstraps and the quorum's mode. */
class TopologyPlanTest {
    private static final String DEDICATED = RunbookInventory.THREE_CONTROLLERS + """
              - {nodeId: 4, azId: usw2-az1, host: 10.0.0.31, roles: [broker]}
              - {nodeId: 5, azId: usw2-az2, host: 10.0.64.31, roles: [broker]}
              - {nodeId: 6, azId: usw2-az3, host: 10.0.128.31, roles: [broker]}
              - {nodeId: 7, azId: usw2-az1, host: 10.0.0.32, roles: [broker]}
            """;

    private static Plan plan(String yaml) throws Exception {
        return Plan.of(InventoryLoader.load(RunbookInventory.write(yaml)));
    }

    @Test
    void controllersVoteBrokersServe() throws Exception {
        Plan plan = plan(RunbookInventory.withNodes(DEDICATED));
        assertEquals("1@10.0.0.21:29092,2@10.0.64.21:29092,3@10.0.128.21:29092", plan.quorum().voters());
        assertEquals("10.0.0.31:9092,10.0.64.31:9092,10.0.128.31:9092,10.0.0.32:9092", plan.internalBootstrap());
        List<LoadBalancerListener> listeners = plan.loadBalancerListeners();
        assertEquals(List.of(9092, 9096, 9097, 9098, 9099), listeners.stream().map(LoadBalancerListener::port).toList(),
                "bootstrap, then brokers 4-7 at 9093 + nodeId - 1; no controller has a port");
        assertEquals(4, listeners.get(0).targets().size(), "the bootstrap group holds the brokers only");
        assertEquals("controller 1 (10.0.0.21, usw2-az1)", plan.broker(1).label());
        assertEquals("controller", plan.broker(1).processRoles());
        assertEquals("broker", plan.broker(4).processRoles());
        assertEquals("b4.usw2-az1.unique_name.aws.plc.tidbcloud.com", plan.broker(4).externalHost());
    }

    @Test
    void removingOrReorderingBrokersMovesNoOtherBrokersPort() throws Exception {
        Plan all = plan(RunbookInventory.withNodes(DEDICATED));
        String withoutFive = DEDICATED.lines().filter(l -> !l.contains("nodeId: 5")).map(l -> l + "\n")
                .reduce("", String::concat);
        List<String> lines = new java.util.ArrayList<>(DEDICATED.lines().toList());
        java.util.Collections.reverse(lines);
        String reversed = String.join("\n", lines) + "\n";
        for (String other : List.of(withoutFive, reversed)) {
            Plan changed = plan(RunbookInventory.withNodes(other));
            for (BrokerPlan broker : changed.brokerNodes()) {
                assertEquals(all.broker(broker.nodeId()).advertisedPort(), broker.advertisedPort());
            }
        }
    }

    @Test
    void theTemplateModelCarriesRolesAndTheQuorumItsModeWrites() throws Exception {
        Plan plan = plan(RunbookInventory.withNodes(DEDICATED));
        BrokerConfig config = new BrokerConfig(plan);
        Map<String, Object> controller = config.model(plan.broker(1));
        @SuppressWarnings("unchecked")
        Map<String, Object> node = (Map<String, Object>) controller.get("broker");
        assertEquals("controller", node.get("roles"));
        assertFalse(node.containsKey("externalHost"), "a controller advertises no EXTERNAL name");
        assertEquals(plan.quorum().voters(), controller.get("quorumVoters"), "3.7.1: static voters");
        assertFalse(controller.containsKey("quorumBootstrapServers"));
    }

    @Test
    void aNewKafka4ClusterGetsADynamicQuorumAnOlderOneKeepsStaticVoters() throws Exception {
        String kafka41 = RunbookInventory.TEXT.replace("3.7.1/kafka_2.13-3.7.1", "4.1.1/kafka_2.13-4.1.1");
        assertEquals(Quorum.Mode.STATIC, plan(kafka41).quorum().mode(), "formatted (cluster id known) before "
                + "cluster.quorum existed: static");
        Plan fresh = plan(kafka41.replace("  clusterId: BRl69zcmTFmiPaoaANybiw\n", ""));
        assertEquals(Quorum.Mode.DYNAMIC, fresh.quorum().mode());
        assertEquals("10.0.0.12:29092,10.0.64.12:29092,10.0.128.12:29092", fresh.quorum().bootstrapServers());
        assertEquals(Quorum.Mode.STATIC, plan(RunbookInventory.TEXT.replace("  clusterId: BRl69zcmTFmiPaoaANybiw\n",
                "")).quorum().mode(), "3.7.1 has no dynamic quorum");
        assertEquals(Quorum.Mode.DYNAMIC, plan(kafka41.replace("  heap: 1g", "  heap: 1g\n  quorum: dynamic"))
                .quorum().mode(), "the inventory's choice wins");
    }

    @Test
    void initialControllersAreTheSameOnEveryRunAndEachVoterHasItsOwnDirectory() throws Exception {
        Quorum quorum = plan(RunbookInventory.withNodes(DEDICATED)).quorum();
        String list = quorum.initialControllers("BRl69zcmTFmiPaoaANybiw");
        assertEquals(list, quorum.initialControllers("BRl69zcmTFmiPaoaANybiw"));
        assertTrue(list.matches("1@10\\.0\\.0\\.21:29092:[A-Za-z0-9_-]{22},2@10\\.0\\.64\\.21:29092:[A-Za-z0-9_-]{22},"
                + "3@10\\.0\\.128\\.21:29092:[A-Za-z0-9_-]{22}"), list);
        assertNotEquals(Quorum.directoryId("BRl69zcmTFmiPaoaANybiw", 1), Quorum.directoryId("BRl69zcmTFmiPaoaANybiw", 2));
        assertNotEquals(Quorum.directoryId("BRl69zcmTFmiPaoaANybiw", 1), Quorum.directoryId("AAAAAAAAAAAAAAAAAAAAAA", 1));
    }
}
