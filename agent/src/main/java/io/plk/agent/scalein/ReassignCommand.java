package io.plk.agent.scalein;

import io.plk.agent.health.ClusterProbe;
import io.plk.agent.protocol.AgentRequest;
import io.plk.agent.protocol.AgentResult;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitionReassignment;
import org.apache.kafka.common.TopicPartition;

/**
 * Empties a broker before it leaves: every replica it holds moves to another live broker (see
 * {@link ReplacementPlanner}) under a replication throttle, which is removed again however the move ends. A move
 * still running at the timeout is cancelled rather than left to run unthrottled; a re-run continues from there.
 */
public final class ReassignCommand {
    private static final Duration CALL = Duration.ofSeconds(15);
    private static final long POLL_MS = 1000;

    public AgentResult reassign(AgentRequest request) throws Exception {
        int removed = request.require(request.removeNodeId(), "removeNodeId");
        Duration timeout = Duration.ofSeconds(request.timeoutOr(1800));
        try (ClusterProbe probe = new ClusterProbe(request.require(request.bootstrap(), "bootstrap"), CALL)) {
            Admin admin = probe.admin();
            ReplicaLayout layout = new ReplicaLayout(admin, CALL);
            Map<TopicPartition, List<Integer>> replicas = layout.replicas();
            Map<Integer, String> live = layout.liveRacks();
            String removedRack = live.remove(removed);
            ReplacementPlanner.Plan plan = new ReplacementPlanner().plan(replicas, live, removed, removedRack);
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("removeNodeId", removed);
            if (plan.refused()) {
                facts.put("refusals", plan.refusals());
                return AgentResult.failed("reassign", "nothing moved off broker " + removed + ": "
                        + String.join("; ", plan.refusals()), facts);
            }
            List<Move> moves = plan.moves();
            if (moves.isEmpty()) {
                facts.putAll(Map.of("movedPartitions", 0, "movedBytes", 0L, "elapsedMs", 0L, "remainingReplicas", 0));
                return AgentResult.ok("reassign", "broker " + removed + " holds no replicas", facts);
            }
            Set<TopicPartition> moving = moves.stream().map(Move::partition).collect(Collectors.toSet());
            Set<TopicPartition> running = admin.listPartitionReassignments(moving).reassignments()
                    .get(CALL.toMillis(), TimeUnit.MILLISECONDS).keySet();
            if (!running.isEmpty()) {
                return AgentResult.failed("reassign", "a reassignment already runs for " + new TreeSet<>(
                        running.stream().map(String::valueOf).toList()) + ": let it finish (or cancel it) and run "
                        + "reassign again", facts);
            }
            Set<Integer> involved = ReplicationThrottle.brokersOf(moves);
            involved.retainAll(layout.liveRacks().keySet());
            Map<TopicPartition, Long> sizes = layout.sizes(involved);
            long bytes = moves.stream().mapToLong(m -> sizes.getOrDefault(m.partition(), 0L)).sum();
            facts.put("movedPartitions", moves.size());
            facts.put("movedBytes", bytes);
            facts.put("moves", moves.stream().map(Move::toString).toList());
            if (request.isCheck()) {
                return AgentResult.changed("reassign", "would move " + moves.size() + " partition(s), " + bytes
                        + " bytes, off broker " + removed, facts);
            }
            long throttle = request.require(request.throttleBytesPerSecond(), "throttleBytesPerSecond");
            return move(admin, moves, involved, throttle, removed, timeout, facts);
        }
    }

    private static AgentResult move(Admin admin, List<Move> moves, Set<Integer> involved, long throttle, int removed,
            Duration timeout, Map<String, Object> facts) throws Exception {
        long started = System.nanoTime();
        ReplicationThrottle replicationThrottle = new ReplicationThrottle(admin, CALL);
        int remaining;
        try {
            replicationThrottle.set(moves, involved, throttle);
            Map<TopicPartition, Optional<NewPartitionReassignment>> targets = new HashMap<>();
            moves.forEach(m -> targets.put(m.partition(), Optional.of(new NewPartitionReassignment(m.to()))));
            admin.alterPartitionReassignments(targets).all().get(CALL.toMillis(), TimeUnit.MILLISECONDS);
            remaining = new ReassignmentWait(admin, CALL, POLL_MS).until(targets.keySet(), removed, timeout);
        } finally {
            replicationThrottle.remove(moves, involved);
        }
        facts.put("elapsedMs", (System.nanoTime() - started) / 1_000_000);
        facts.put("remainingReplicas", remaining);
        facts.put("throttleRemoved", true);
        if (remaining > 0) {
            return AgentResult.failed("reassign", remaining + " replica(s) still on broker " + removed + " after "
                    + timeout.toSeconds() + " s: the moves still running were cancelled (they would have run "
                    + "without the throttle); run reassign again, with a longer timeoutSeconds or a higher "
                    + "throttleBytesPerSecond", facts);
        }
        return AgentResult.changed("reassign", "moved " + moves.size() + " partition(s), " + facts.get("movedBytes")
                + " bytes, off broker " + removed + " in " + facts.get("elapsedMs") + " ms; throttle removed", facts);
    }
}
