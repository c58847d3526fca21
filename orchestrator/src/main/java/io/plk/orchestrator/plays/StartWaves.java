package io.plk.orchestrator.plays;

import io.plk.orchestrator.plan.BrokerPlan;
import java.util.List;

/**
 * In which waves stopped nodes start: every voter at once (a new quorum needs a majority up to elect), then the
 * broker-only nodes once the voters answer as caught up. A broker that follows the leader of a quorum still
 * electing, and sees that leader lose, truncates its metadata log, forgets the dynamic voter set and (Kafka 4.1)
 * gives up registering after 60 s (seen in CI on 3 controllers + 3 brokers on 2 cores).
 */
final class StartWaves {
    record Wave(List<BrokerPlan> nodes, boolean allAtOnce) {
    }

    private StartWaves() {
    }

    static List<Wave> of(List<BrokerPlan> stopped) {
        List<BrokerPlan> voters = stopped.stream().filter(BrokerPlan::isController).toList();
        List<BrokerPlan> brokersOnly = stopped.stream().filter(node -> !node.isController()).toList();
        return java.util.stream.Stream.of(new Wave(voters, true), new Wave(brokersOnly, false))
                .filter(wave -> !wave.nodes().isEmpty()).toList();
    }
}
