package io.plk.orchestrator.plays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.plk.agent.protocol.AgentRequest;
import io.plk.orchestrator.inventory.InventoryLoader;
import io.plk.orchestrator.inventory.RunbookInventory;
import io.plk.orchestrator.plan.Plan;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the orchestrator writes is what a strict agent reads: no helper method may leak in as a JSON field. */
class AgentRequestJsonTest {

    @Test
    void everyFlagSurvivesTheTripToAStrictReader() throws Exception {
        Plan plan = Plan.of(InventoryLoader.load(RunbookInventory.write(RunbookInventory.TEXT)));
        AgentRequest sent = new BrokerRequests(plan).with(plan.broker(1), Map.of("check", true,
                "finalizeFeatures", true, "replaceExternal", true, "steps", List.of("versions", "facts")));
        String json = AgentClient.JSON.writeValueAsString(sent);
        AgentRequest read = new ObjectMapper().readValue(json, AgentRequest.class);
        assertEquals(sent, read);
    }

    @Test
    void aMisspelledFieldIsRefusedBeforeAnythingIsSent() throws Exception {
        Plan plan = Plan.of(InventoryLoader.load(RunbookInventory.write(RunbookInventory.TEXT)));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new BrokerRequests(plan).with(plan.broker(1), Map.of("removeNodeID", 4)));
        assertTrue(refused.getMessage().contains("removeNodeID"), refused.getMessage());
    }
}
