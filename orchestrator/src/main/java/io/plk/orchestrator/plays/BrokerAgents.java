package io.plk.orchestrator.plays;

import io.plk.agent.protocol.AgentRequest;
import io.plk.agent.protocol.AgentResult;
import io.plk.orchestrator.plan.BrokerPlan;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The agent on each broker, reached through the fleet's sessions. */
final class BrokerAgents {
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

    AgentResult run(BrokerPlan broker, String command) throws IOException {
        return run(broker, command, requests.base(broker));
    }

    AgentResult run(BrokerPlan broker, String command, Map<String, Object> overrides) throws IOException {
        return run(broker, command, requests.with(broker, overrides));
    }

    private AgentResult run(BrokerPlan broker, String command, AgentRequest request) throws IOException {
        return requests.client(broker).run(fleet.broker(broker), command, request, STEP_TIMEOUT);
    }

    /** Health of {@code subject} as seen from {@code observer}'s INTERNAL listener. */
    HealthView health(BrokerPlan observer, BrokerPlan subject) throws IOException {
        AgentResult result = run(observer, "health", Map.of("nodeId", subject.nodeId()));
        if (result.isFailed()) {
            throw new PlayFailedException(observer.label(), "health", result.msg());
        }
        return new HealthView(result);
    }

    /** Asks the subject itself first, then the others: a stopped broker cannot answer for itself. */
    HealthView healthFromAnyone(BrokerPlan subject) throws IOException {
        List<BrokerPlan> observers = new ArrayList<>(List.of(subject));
        requests.plan().brokers().stream().filter(b -> !b.equals(subject)).forEach(observers::add);
        PlayFailedException last = null;
        for (BrokerPlan observer : observers) {
            try {
                return health(observer, subject);
            } catch (PlayFailedException e) {
                last = e;
            }
        }
        throw last;
    }
}
