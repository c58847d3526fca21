package io.plk.agent.scalein;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;

/**
 * The replication throttle of a reassignment, as kafka-reassign-partitions sets it: a rate on every broker that
 * sends or receives, and on each moving topic the replicas it applies to (the current ones lead, the added ones
 * follow). Removing it deletes exactly these keys.
 */
final class ReplicationThrottle {
    static final String LEADER_RATE = "leader.replication.throttled.rate";
    static final String FOLLOWER_RATE = "follower.replication.throttled.rate";
    static final String LEADER_REPLICAS = "leader.replication.throttled.replicas";
    static final String FOLLOWER_REPLICAS = "follower.replication.throttled.replicas";
    private final Admin admin;
    private final Duration timeout;

    ReplicationThrottle(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /** @param brokers the live brokers the moves involve (a broker that is down cannot be configured) */
    void set(List<Move> moves, Set<Integer> brokers, long bytesPerSecond)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<ConfigResource, Collection<AlterConfigOp>> ops = new HashMap<>();
        for (int broker : brokers) {
            ops.put(broker(broker), List.of(set(LEADER_RATE, Long.toString(bytesPerSecond)),
                    set(FOLLOWER_RATE, Long.toString(bytesPerSecond))));
        }
        byTopic(moves).forEach((topic, topicMoves) -> ops.put(topic(topic), List.of(
                set(LEADER_REPLICAS, replicas(topicMoves, false)), set(FOLLOWER_REPLICAS, replicas(topicMoves, true)))));
        apply(ops);
    }

    void remove(List<Move> moves, Set<Integer> brokers)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<ConfigResource, Collection<AlterConfigOp>> ops = new HashMap<>();
        for (int broker : brokers) {
            ops.put(broker(broker), List.of(delete(LEADER_RATE), delete(FOLLOWER_RATE)));
        }
        byTopic(moves).keySet().forEach(topic -> ops.put(topic(topic),
                List.of(delete(LEADER_REPLICAS), delete(FOLLOWER_REPLICAS))));
        apply(ops);
    }

    /** {@code partition:broker,...}: the current replicas (they send), or the added ones (they fetch). */
    private static String replicas(List<Move> moves, boolean added) {
        List<String> entries = new ArrayList<>();
        for (Move move : moves) {
            int partition = move.partition().partition();
            if (added) {
                entries.add(partition + ":" + move.added());
            } else {
                move.from().forEach(b -> entries.add(partition + ":" + b));
            }
        }
        return String.join(",", entries);
    }

    private static Map<String, List<Move>> byTopic(List<Move> moves) {
        return moves.stream().collect(Collectors.groupingBy(m -> m.partition().topic(), TreeMap::new,
                Collectors.toList()));
    }

    /** Every broker that sends or receives: the moves' current replicas and the added ones. */
    static Set<Integer> brokersOf(List<Move> moves) {
        Set<Integer> brokers = new TreeSet<>();
        moves.forEach(m -> {
            brokers.addAll(m.from());
            brokers.add(m.added());
        });
        return brokers;
    }

    private void apply(Map<ConfigResource, Collection<AlterConfigOp>> ops)
            throws ExecutionException, InterruptedException, TimeoutException {
        if (!ops.isEmpty()) {
            admin.incrementalAlterConfigs(ops).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static ConfigResource broker(int id) {
        return new ConfigResource(ConfigResource.Type.BROKER, Integer.toString(id));
    }

    private static ConfigResource topic(String name) {
        return new ConfigResource(ConfigResource.Type.TOPIC, name);
    }

    private static AlterConfigOp set(String key, String value) {
        return new AlterConfigOp(new ConfigEntry(key, value), AlterConfigOp.OpType.SET);
    }

    private static AlterConfigOp delete(String key) {
        return new AlterConfigOp(new ConfigEntry(key, ""), AlterConfigOp.OpType.DELETE);
    }
}
