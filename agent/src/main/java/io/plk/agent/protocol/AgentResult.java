package io.plk.agent.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** The one JSON object the agent prints on stdout. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgentResult(String command, Status status, String msg, Map<String, Object> facts, String diff) {

    public static AgentResult ok(String command, String msg, Map<String, Object> facts) {
        return new AgentResult(command, Status.OK, msg, facts, null);
    }

    public static AgentResult changed(String command, String msg, Map<String, Object> facts) {
        return new AgentResult(command, Status.CHANGED, msg, facts, null);
    }

    public static AgentResult failed(String command, String msg, Map<String, Object> facts) {
        return new AgentResult(command, Status.FAILED, msg, facts, null);
    }

    public AgentResult withDiff(String unifiedDiff) {
        return new AgentResult(command, status, msg, facts, unifiedDiff);
    }

    public boolean isFailed() {
        return status == Status.FAILED;
    }
}
