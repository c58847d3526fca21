package io.plk.agent.scalein;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitionReassignment;
import org.apache.kafka.common.TopicPartition;

/** Waits until no reassignment runs for the moved partitions and none lists the removed broker any more. */
final class ReassignmentWait {
    private final Admin admin;
    private final Duration call;
    private final long pollMs;

    ReassignmentWait(Admin admin, Duration call, long pollMs) {
        this.admin = admin;
        this.call = call;
        this.pollMs = pollMs;
    }

    /** @return how many of these partitions still have a replica on {@code removed}; 0 when done */
    int until(Set<TopicPartition> partitions, int removed, Duration timeout)
            throws ExecutionException, InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Set<TopicPartition> running = admin.listPartitionReassignments(partitions).reassignments()
                    .get(call.toMillis(), TimeUnit.MILLISECONDS).keySet();
            int remaining = stillOn(partitions, removed);
            if (running.isEmpty() && remaining == 0) {
                return 0;
            }
            if (System.nanoTime() > deadline) {
                cancel(running);
                return Math.max(remaining, stillOn(partitions, removed));
            }
            Thread.sleep(pollMs);
        }
    }

    private int stillOn(Set<TopicPartition> partitions, int removed)
            throws ExecutionException, InterruptedException, TimeoutException {
        Set<String> topics = new java.util.HashSet<>();
        partitions.forEach(tp -> topics.add(tp.topic()));
        return (int) admin.describeTopics(topics).allTopicNames().get(call.toMillis(), TimeUnit.MILLISECONDS).values()
                .stream().flatMap(t -> t.partitions().stream()
                        .filter(p -> partitions.contains(new TopicPartition(t.name(), p.partition()))))
                .filter(p -> p.replicas().stream().anyMatch(n -> n.id() == removed)).count();
    }

    private void cancel(Set<TopicPartition> running) throws ExecutionException, InterruptedException, TimeoutException {
        if (running.isEmpty()) {
            return;
        }
        Map<TopicPartition, Optional<NewPartitionReassignment>> cancels = new HashMap<>();
        running.forEach(tp -> cancels.put(tp, Optional.empty()));
        admin.alterPartitionReassignments(cancels).all().get(call.toMillis(), TimeUnit.MILLISECONDS);
    }
}
