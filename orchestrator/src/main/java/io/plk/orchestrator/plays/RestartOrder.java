package io.plk.orchestrator.plays;

import io.plk.orchestrator.plan.BrokerPlan;
import java.util.List;
import java.util.Set;

/**
 * Which broker the roll takes next, and why: a broker that is down first (it serves nothing, and a
 * gate for the others would wait on it), then any but the active controller, which goes last because
 * its restart forces an election. Asked again before every pick, on health read just then.
 */
final class RestartOrder {
    record Pick(BrokerPlan broker, String why) {
    }

    private RestartOrder() {
    }

    static Pick next(List<BrokerPlan> remaining, Set<Integer> liveBrokers, int activeController) {
        for (BrokerPlan broker : remaining) {
            if (!liveBrokers.contains(broker.nodeId())) {
                return new Pick(broker, "not registered and unfenced: brokers that are down go first");
            }
        }
        for (BrokerPlan broker : remaining) {
            if (broker.nodeId() != activeController) {
                return new Pick(broker, activeController < 0 ? "no active controller known"
                        : "not the active controller (node " + activeController + ")");
            }
        }
        return new Pick(remaining.get(0), "the active controller, last");
    }
}
