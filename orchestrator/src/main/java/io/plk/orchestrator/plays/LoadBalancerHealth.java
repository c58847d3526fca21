package io.plk.orchestrator.plays;

import io.plk.orchestrator.aws.AwsClients;
import io.plk.orchestrator.plan.BrokerPlan;
import io.plk.orchestrator.plan.Plan;
import java.io.IOException;
import java.time.Duration;

/**
 * Waits, after a broker's restart, until the load balancer in front of the brokers sends it traffic again,
 * so that a roll does not take the next broker out while clients cannot reach this one yet.
 */
interface LoadBalancerHealth extends AutoCloseable {
    /** For inventories without {@code aws:}: the lab's HAProxy checks its backends itself. */
    LoadBalancerHealth NONE = broker -> { };

    void awaitHealthy(BrokerPlan broker) throws IOException;

    @Override
    default void close() {
    }

    /** The NLB's target health with {@code aws:} in the inventory, else {@link #NONE}. */
    static LoadBalancerHealth of(Plan plan, Duration limit, Report report) {
        return plan.inventory().aws().<LoadBalancerHealth>map(spec -> new NlbTargetHealth(AwsClients.create(spec),
                AwsPlay.topology(plan, spec), limit, report)).orElse(NONE);
    }
}
