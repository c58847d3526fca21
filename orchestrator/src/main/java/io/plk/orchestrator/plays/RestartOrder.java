package io.plk.orchestrator.plays;

import io.plk.orchestrator.plan.BrokerPlan;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Which node the roll takes next, and why. A node that is down first (it serves nothing, and a gate for the
 * others would wait on it); then the brokers, each restart of which the controllers watch; then the
 * controller-only nodes, none of which serves a client; and the active controller last, because its restart
 * forces an election. Asked again before every pick, on health read just then.
 */
final class RestartOrder {
    record Pick(BrokerPlan broker, String why) {
    }

    private RestartOrder() {
    }

    static Pick next(List<BrokerPlan> remaining, HealthView health) {
        int leader = health.quorumLeader();
        Predicate<BrokerPlan> notLeader = node -> node.nodeId() != leader;
        return first(remaining, node -> !isUp(node, health), node -> node.isBroker()
                        ? "not registered and unfenced: nodes that are down go first"
                        : "not a caught-up voter: nodes that are down go first")
                .or(() -> first(remaining, notLeader.and(BrokerPlan::isBroker), node -> leader < 0
                        ? "a broker; no active controller known" : "a broker, not the active controller (node "
                        + leader + ")"))
                .or(() -> first(remaining, notLeader, node -> "a controller, after the brokers; not the active one "
                        + "(node " + leader + ")"))
                .orElseGet(() -> new Pick(remaining.get(0), "the active controller, last"));
    }

    /** A broker is up once registered and unfenced; a controller-only node, once a caught-up voter. */
    private static boolean isUp(BrokerPlan node, HealthView health) {
        return node.isBroker() ? health.liveBrokers().contains(node.nodeId())
                : health.caughtUpVoters().contains(node.nodeId());
    }

    private static Optional<Pick> first(List<BrokerPlan> remaining, Predicate<BrokerPlan> matches,
                                        Function<BrokerPlan, String> why) {
        return remaining.stream().filter(matches).findFirst().map(node -> new Pick(node, why.apply(node)));
    }
}
