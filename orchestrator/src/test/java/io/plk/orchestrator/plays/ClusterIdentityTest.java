package io.plk.orchestrator.plays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plk.agent.protocol.AgentResult;
import io.plk.orchestrator.inventory.InventoryLoader;
import io.plk.orchestrator.inventory.RunbookInventory;
import io.plk.orchestrator.plan.BrokerPlan;
import io.plk.orchestrator.plan.Plan;
import io.plk.orchestrator.plan.Quorum;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterIdentityTest {
    private static final String KAFKA_41 = RunbookInventory.TEXT.replace("3.7.1/kafka_2.13-3.7.1.tgz",
            "4.1.1/kafka_2.13-4.1.1.tgz").replace("  clusterId: BRl69zcmTFmiPaoaANybiw\n", "");

    private static Map<BrokerPlan, AgentResult> unformatted(Plan plan) {
        Map<BrokerPlan, AgentResult> facts = new LinkedHashMap<>();
        plan.brokers().forEach(b -> facts.put(b, AgentResult.ok("facts", "", Map.of("formatted", false))));
        return facts;
    }

    @Test
    void aNewClustersGeneratedIdIsWrittenWithTheQuorumItIsFormattedWith() throws Exception {
        Path inventory = RunbookInventory.write(KAFKA_41);
        Plan plan = Plan.of(InventoryLoader.load(inventory));
        assertEquals(Quorum.Mode.DYNAMIC, plan.quorum().mode(), "a new 4.x cluster");
        ClusterIdentity.resolve(plan, unformatted(plan), new Report(new PrintStream(new ByteArrayOutputStream())));
        Plan next = Plan.of(InventoryLoader.load(inventory));
        assertTrue(next.clusterId().isPresent());
        assertEquals(Quorum.Mode.DYNAMIC, next.quorum().mode(), "the next apply keeps it: " + Files.readString(inventory));
    }

    @Test
    void anExplicitQuorumIsLeftAsWritten() throws Exception {
        Path inventory = RunbookInventory.write(KAFKA_41.replace("  heap: ", "  quorum: static\n  heap: "));
        Plan plan = Plan.of(InventoryLoader.load(inventory));
        ClusterIdentity.resolve(plan, unformatted(plan), new Report(new PrintStream(new ByteArrayOutputStream())));
        String written = Files.readString(inventory);
        assertEquals(1, written.split("quorum:", -1).length - 1, written);
        assertEquals(Quorum.Mode.STATIC, Plan.of(InventoryLoader.load(inventory)).quorum().mode());
    }
}
