package io.plk.orchestrator.plays;

import io.plk.orchestrator.aws.AwsClients;
import io.plk.orchestrator.aws.AwsTopology;
import io.plk.orchestrator.aws.BrokerTargets;
import io.plk.orchestrator.plan.BrokerPlan;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Polls DescribeTargetHealth for the broker's instance in every target group it is in (its own and the
 * bootstrap group) until each says healthy; blocks the roll with the targets' states when the limit passes.
 */
final class NlbTargetHealth implements LoadBalancerHealth {
    private final Function<Integer, List<BrokerTargets.Target>> targetsOf;
    private final BrokerTargets targets;
    private final Duration limit;
    private final Supplier<BooleanSupplier> pauses;
    private final Report report;
    private final Runnable closeClients;

    NlbTargetHealth(AwsClients aws, AwsTopology topology, Duration limit, Report report) {
        this(nodeId -> BrokerTargets.of(aws, topology, nodeId), new BrokerTargets(aws.elb()), limit,
                () -> new Backoff(limit)::pause, report, aws::close);
    }

    /**
     * @param pauses a fresh pause per wait: each call waits before the next poll, false when the limit is
     *               reached
     */
    NlbTargetHealth(Function<Integer, List<BrokerTargets.Target>> targetsOf, BrokerTargets targets, Duration limit,
            Supplier<BooleanSupplier> pauses, Report report, Runnable closeClients) {
        this.targetsOf = targetsOf;
        this.targets = targets;
        this.limit = limit;
        this.pauses = pauses;
        this.report = report;
        this.closeClients = closeClients;
    }

    @Override
    public void awaitHealthy(BrokerPlan broker) {
        if (!broker.isBroker()) {
            return; // a controller-only node is no target of the load balancer
        }
        List<BrokerTargets.Target> watched = targetsOf.apply(broker.nodeId());
        BooleanSupplier pause = pauses.get();
        while (true) {
            List<BrokerTargets.Health> health = targets.health(watched);
            List<BrokerTargets.Health> notYet = health.stream().filter(h -> !h.healthy()).toList();
            if (notYet.isEmpty()) {
                return;
            }
            report.info("  waiting: " + broker.label() + " not healthy in the load balancer yet: " + notYet);
            if (!pause.getAsBoolean()) {
                throw new GateBlockedException(broker.label(), "load balancer health", "targets not healthy after "
                        + limit.toSeconds() + " s: " + health + ". It runs again but the roll stopped here; check "
                        + "the security group from the load balancer to the EXTERNAL port, then re-run");
            }
        }
    }

    @Override
    public void close() {
        closeClients.run();
    }
}
