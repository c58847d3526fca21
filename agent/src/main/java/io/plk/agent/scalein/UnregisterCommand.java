package io.plk.agent.scalein;

import io.plk.agent.health.ClusterProbe;
import io.plk.agent.protocol.AgentRequest;
import io.plk.agent.protocol.AgentResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.BrokerIdNotRegisteredException;

/**
 * Takes a stopped, empty broker out of the cluster's metadata, so it no longer counts as a registered (fenced)
 * broker. A broker still up, or still holding a replica, is refused: stop it, or run reassign, first.
 */
public final class UnregisterCommand {
    private static final Duration CALL = Duration.ofSeconds(15);

    public AgentResult unregister(AgentRequest request) throws Exception {
        int removed = request.require(request.removeNodeId(), "removeNodeId");
        Map<String, Object> facts = Map.of("removeNodeId", removed);
        try (ClusterProbe probe = new ClusterProbe(request.require(request.bootstrap(), "bootstrap"), CALL)) {
            if (probe.liveBrokers().contains(removed)) {
                return AgentResult.failed("unregister", "broker " + removed + " is still registered and unfenced: "
                        + "stop it first (after reassign has emptied it)", facts);
            }
            List<TopicPartition> hosted = new ReplicaLayout(probe.admin(), CALL).replicas().entrySet().stream()
                    .filter(e -> e.getValue().contains(removed)).map(Map.Entry::getKey).toList();
            if (!hosted.isEmpty()) {
                return AgentResult.failed("unregister", "broker " + removed + " still holds " + hosted.size()
                        + " replica(s), e.g. " + hosted.get(0) + ": run reassign with removeNodeId " + removed
                        + " first", facts);
            }
            try {
                probe.admin().unregisterBroker(removed).all().get(CALL.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof BrokerIdNotRegisteredException) {
                    return AgentResult.ok("unregister", "broker " + removed + " is not registered", facts);
                }
                throw e;
            }
            return AgentResult.changed("unregister", "unregistered broker " + removed, facts);
        }
    }
}
