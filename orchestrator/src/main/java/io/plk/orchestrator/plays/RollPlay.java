package io.plk.orchestrator.plays;

import io.plk.agent.protocol.RestartReason;
import io.plk.orchestrator.plan.BrokerPlan;
import io.plk.orchestrator.plan.Plan;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code rolling-restart}: the chosen brokers (default all), with the same gates as apply. */
public final class RollPlay {
    private final Report report;
    private final Duration gateLimit;

    public RollPlay(Report report, Duration gateLimit) {
        this.report = report;
        this.gateLimit = gateLimit;
    }

    public void run(Fleet fleet, List<Integer> nodeIds) throws IOException {
        var plan = fleet.plan();
        List<BrokerPlan> targets = targets(plan, nodeIds);
        BrokerAgents agents = new BrokerAgents(fleet, new BrokerRequests(plan));
        var facts = fleet.each(targets, b -> agents.run(b, "facts"));
        try (LoadBalancerHealth loadBalancer = LoadBalancerHealth.of(plan, gateLimit, report)) {
            Map<BrokerPlan, Set<RestartReason>> requested = new LinkedHashMap<>();
            targets.forEach(b -> requested.put(b, Set.of(RestartReason.REQUESTED)));
            new RollingRestart(agents, report, gateLimit, loadBalancer).run(targets, requested, facts);
        }
    }

    /** The brokers asked for, each once (default: all). */
    public static List<BrokerPlan> targets(Plan plan, List<Integer> nodeIds) {
        return nodeIds == null || nodeIds.isEmpty() ? plan.brokers()
                : nodeIds.stream().distinct().map(plan::broker).toList();
    }
}
