package io.plk.agent;

import io.plk.agent.protocol.AgentRequest;
import io.plk.agent.protocol.AgentResult;

/** One agent verb. */
@FunctionalInterface
public interface Command {
    AgentResult run(AgentRequest request) throws Exception;
}
