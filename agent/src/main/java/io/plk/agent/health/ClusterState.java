package io.plk.agent.health;

import java.util.List;
import java.util.Set;

/** What the Admin client saw at one moment: the input of every safety question. */
public record ClusterState(Set<Integer> liveBrokers, List<PartitionState> partitions, QuorumState quorum) {

    public ClusterState {
        liveBrokers = Set.copyOf(liveBrokers);
        partitions = List.copyOf(partitions);
    }

    public long underReplicated() {
        return partitions.stream().filter(PartitionState::isUnderReplicated).count();
    }

    public long offline() {
        return partitions.stream().filter(PartitionState::isOffline).count();
    }

    public long atMinIsr() {
        return partitions.stream().filter(PartitionState::isAtMinIsr).count();
    }
}
