package io.plk.orchestrator.plays;

import io.plk.agent.protocol.AgentRequest;
import io.plk.agent.protocol.AgentResult;
import io.plk.orchestrator.plan.BrokerPlan;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The agent on each broker, reached through the fleet's sessions. */
final class BrokerAgents implements RollingRestart.Agents, ReplaceBrokerPlay.Agents, PlanPlay.Agents {
    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(10);
    private final Fleet fleet;
    private final BrokerRequests requests;

    BrokerAgents(Fleet fleet, BrokerRequests requests) {
        this.fleet = fleet;
        this.requests = requests;
    }

    BrokerRequests requests() {
        return requests;
    }

    @Override
    public AgentResult run(BrokerPlan broker, String command) throws IOException {
        return run(broker, command, requests.base(broker));
    }

    @Override
    public AgentResult run(BrokerPlan broker, String command, Map<String, Object> overrides) throws IOException {
        return run(broker, command, requests.with(broker, overrides));
    }

    private AgentResult run(BrokerPlan broker, String command, AgentRequest request) throws IOException {
        return requests.client(broker).run(fleet.broker(broker), command, request, STEP_TIMEOUT);
    }

    @Override
    public Path inventoryFile() {
        return requests.plan().inventory().file();
    }

    @Override
    public String clusterName() {
        return requests.plan().clusterName();
    }

    /** Health of {@code subject} (asked with its own roles) as seen from {@code observer}. */
    @Override
    public HealthView health(BrokerPlan observer, BrokerPlan subject) throws IOException {
        return health(observer, subject, null);
    }

    private HealthView health(BrokerPlan observer, BrokerPlan subject, Long restartedAtMs) throws IOException {
        Map<String, Object> fields = new HashMap<>(Map.of("nodeId", subject.nodeId(),
                "roles", BrokerRequests.roles(subject)));
        if (restartedAtMs != null) {
            fields.put("restartedAtMs", restartedAtMs);
        }
        AgentResult result = run(observer, "health", fields);
        if (result.isFailed()) {
            throw new PlayFailedException(observer.label(), "health", result.msg());
        }
        return new HealthView(result);
    }

    /** Asks the subject itself first, then the others: a stopped broker cannot answer for itself. */
    @Override
    public HealthView health(BrokerPlan subject, Long restartedAtMs) throws IOException {
        List<BrokerPlan> observers = new ArrayList<>(List.of(subject));
        requests.plan().brokers().stream().filter(b -> !b.equals(subject)).forEach(observers::add);
        PlayFailedException last = null;
        for (BrokerPlan observer : observers) {
            try {
                return health(observer, subject, restartedAtMs);
            } catch (PlayFailedException e) {
                last = e;
            }
        }
        throw last;
    }
}
