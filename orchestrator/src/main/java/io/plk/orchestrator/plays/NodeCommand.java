package io.plk.orchestrator.plays;

import io.plk.agent.protocol.AgentResult;
import io.plk.orchestrator.plan.BrokerPlan;
import java.io.IOException;
import java.util.Map;

/** The agent on one node, running one command with extra request fields: the seam plays are tested through. */
@FunctionalInterface
interface NodeCommand {
    AgentResult run(BrokerPlan node, String command, Map<String, Object> fields) throws IOException;
}
