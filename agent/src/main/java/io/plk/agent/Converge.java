package io.plk.agent;

import io.plk.agent.protocol.AgentRequest;
import io.plk.agent.protocol.AgentResult;
import io.plk.agent.protocol.BadRequestException;
import io.plk.agent.protocol.RestartReason;
import io.plk.agent.protocol.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Several steps in one JVM (e.g. install, configure, format, start), stopping at the first failure:
 * one process start per broker instead of one per step keeps a no-op apply fast. {@code plan} sends the same steps
 * as {@code apply}, in check mode, so the two cannot disagree.
 */
final class Converge {
    private static final List<String> CONFIG_WRITERS = List.of("configure", "patch");
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
        if (request.isCheck()) {
            pendingAfterCheck(results);
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("steps", results);
        AgentResult last = results.get(results.size() - 1);
        return new AgentResult("converge", overall, last.msg(), facts, null);
    }

    /**
     * In check mode nothing was written, so the facts read the old file: a running node whose config a step would
     * rewrite is pending a restart all the same, as it would be after the write.
     */
    @SuppressWarnings("unchecked")
    private static void pendingAfterCheck(List<AgentResult> results) {
        AgentResult last = results.get(results.size() - 1);
        boolean rewritten = results.stream().anyMatch(r -> CONFIG_WRITERS.contains(r.command())
                && r.status() == Status.CHANGED && r.diff() != null);
        if (last.command().equals("facts") && rewritten && last.facts().get("pid") != null) {
            Map<String, Object> facts = new LinkedHashMap<>(last.facts());
            List<String> reasons = new ArrayList<>((List<String>) facts.getOrDefault("restartReasons", List.of()));
            if (!reasons.contains(RestartReason.CONFIG.name())) {
                reasons.add(RestartReason.CONFIG.name());
            }
            facts.put("restartPending", true);
            facts.put("restartReasons", reasons);
            results.set(results.size() - 1, new AgentResult("facts", last.status(), last.msg(), facts, last.diff()));
        }
    }
}
