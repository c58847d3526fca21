package io.plk.agent.scalein;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/** Where the replicas are, which racks the live brokers are in, and how big each partition is. */
final class ReplicaLayout {
    private final Admin admin;
    private final Duration timeout;

    ReplicaLayout(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /** Every partition's replicas, internal topics included. */
    Map<TopicPartition, java.util.List<Integer>> replicas()
            throws ExecutionException, InterruptedException, TimeoutException {
        Set<String> topics = get(admin.listTopics(new ListTopicsOptions().listInternal(true)).names());
        Map<String, TopicDescription> described = get(admin.describeTopics(topics).allTopicNames());
        Map<TopicPartition, java.util.List<Integer>> replicas = new LinkedHashMap<>();
        for (TopicDescription topic : described.values()) {
            for (TopicPartitionInfo p : topic.partitions()) {
                replicas.put(new TopicPartition(topic.name(), p.partition()),
                        p.replicas().stream().map(Node::id).toList());
            }
        }
        return replicas;
    }

    /** The registered, unfenced brokers and their racks (null: none set). */
    Map<Integer, String> liveRacks() throws ExecutionException, InterruptedException, TimeoutException {
        Map<Integer, String> racks = new LinkedHashMap<>();
        for (Node node : get(admin.describeCluster().nodes())) {
            racks.put(node.id(), node.rack());
        }
        return racks;
    }

    /** The largest replica of each partition on these brokers, in bytes: what a new replica has to copy. */
    Map<TopicPartition, Long> sizes(Collection<Integer> brokers)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, Long> sizes = new HashMap<>();
        for (Map<String, LogDirDescription> dirs : get(admin.describeLogDirs(brokers).allDescriptions()).values()) {
            for (LogDirDescription dir : dirs.values()) {
                dir.replicaInfos().forEach((tp, info) -> sizes.merge(tp, info.size(), Math::max));
            }
        }
        return sizes;
    }

    private <T> T get(org.apache.kafka.common.KafkaFuture<T> future)
            throws ExecutionException, InterruptedException, TimeoutException {
        return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
