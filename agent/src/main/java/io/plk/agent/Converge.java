package io.plk.agent;

import io.plk.agent.protocol.AgentRequest;
import io.plk.agent.protocol.AgentResult;
import io.plk.agent.protocol.BadRequestException;
import io.plk.agent.protocol.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Several steps in one JVM (e.g. install, configure, format, start), stopping at the first failure:
 * one process start per broker instead of one per step keeps a no-op apply fast.
 */
final class Converge {
    private final Map<String, Command> commands;

    Converge(Map<String, Command> commands) {
        this.commands = commands;
    }

    AgentResult run(AgentRequest request) throws Exception {
        List<String> steps = request.require(request.steps(), "steps");
        List<AgentResult> results = new ArrayList<>();
        Status overall = Status.OK;
        for (String step : steps) {
            Command command = commands.get(step);
            if (command == null || step.equals("converge")) {
                throw new BadRequestException("unknown step '" + step + "'");
            }
            AgentResult result = command.run(request);
            results.add(result);
            if (result.isFailed()) {
                overall = Status.FAILED;
                break;
            }
            if (result.status() == Status.CHANGED) {
                overall = Status.CHANGED;
            }
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("steps", results);
        AgentResult last = results.get(results.size() - 1);
        return new AgentResult("converge", overall, last.msg(), facts, null);
    }
}
