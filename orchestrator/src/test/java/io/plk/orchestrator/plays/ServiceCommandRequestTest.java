package io.plk.orchestrator.plays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plk.agent.protocol.AgentRequest;
import io.plk.orchestrator.inventory.InventoryLoader;
import io.plk.orchestrator.inventory.RunbookInventory;
import io.plk.orchestrator.plan.Plan;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An existing cluster's start and stop commands reach the agent as argument lists, word for word. */
class ServiceCommandRequestTest {

    @Test
    void aSystemdUnitBecomesSystemctlsArguments() throws Exception {
        AgentRequest request = requestFor("{systemd: kafka}");
        assertEquals(List.of("sudo", "systemctl", "start", "kafka"), request.serviceStart());
        assertEquals(List.of("sudo", "systemctl", "stop", "kafka"), request.serviceStop());
        assertTrue(AgentClient.JSON.writeValueAsString(request)
                .contains("\"serviceStart\":[\"sudo\",\"systemctl\",\"start\",\"kafka\"]"));
    }

    @Test
    void listedCommandsTravelAsTheyAreWrittenShellSyntaxIncluded() throws Exception {
        AgentRequest request = requestFor(
                "{start: [/opt/kafka/bin/start.sh, \"x; reboot\", \"$(id)\"], stop: /opt/kafka/bin/stop.sh}");
        assertEquals(List.of("/opt/kafka/bin/start.sh", "x; reboot", "$(id)"), request.serviceStart());
        assertEquals(List.of("/opt/kafka/bin/stop.sh"), request.serviceStop());
    }

    private static AgentRequest requestFor(String service) throws Exception {
        String yaml = RunbookInventory.TEXT.replace("brokers:",
                "existing: {configFile: /opt/kafka/config/server.properties, kafkaHome: /opt/kafka, service: "
                        + service + "}\nbrokers:");
        Plan plan = Plan.of(InventoryLoader.load(RunbookInventory.write(yaml)));
        return new BrokerRequests(plan).base(plan.brokers().get(0));
    }
}
