package io.plk.agent.health;

import java.util.List;

/**
 * After a restart: is the broker back in the ISR of every partition it hosts? Counting under-replicated
 * partitions alone is not enough: another partition leaving its ISR can mask one that never came back.
 */
public final class ReplicasInIsrCheck {
    private static final int MAX_LISTED = 5;

    public Verdict isBackInIsr(ClusterState state, int nodeId) {
        List<PartitionState> outside = state.partitions().stream()
                .filter(p -> p.replicas().contains(nodeId) && !p.isr().contains(nodeId)).toList();
        if (outside.isEmpty()) {
            return Verdict.yes("broker " + nodeId + " is in the ISR of every partition it hosts");
        }
        String listed = String.join(", ", outside.stream().limit(MAX_LISTED).map(PartitionState::toString).toList());
        return Verdict.no(List.of("broker " + nodeId + " is not yet in the ISR of " + outside.size() + " partition(s): "
                + listed + (outside.size() > MAX_LISTED ? " and more" : "")));
    }
}
