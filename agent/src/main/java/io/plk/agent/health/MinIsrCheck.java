package io.plk.agent.health;

import java.util.ArrayList;
import java.util.List;

/**
 * Would stopping this broker push any partition below {@code min.insync.replicas}, so that
 * producers with acks=all fail? Partitions whose replication factor is not above min ISR can never
 * satisfy acks=all through a restart and are skipped, or no roll could ever proceed.
 */
public final class MinIsrCheck {
    private static final int MAX_LISTED = 5;

    public Verdict canStop(ClusterState state, int nodeId) {
        List<String> blocked = new ArrayList<>();
        int count = 0;
        for (PartitionState p : state.partitions()) {
            if (!p.replicas().contains(nodeId) || p.replicas().size() <= p.minIsr()) {
                continue;
            }
            boolean alreadyBelow = p.isr().size() < p.minIsr();
            boolean wouldDrop = p.isr().contains(nodeId) && p.isr().size() <= p.minIsr();
            if (alreadyBelow || wouldDrop) {
                if (count++ < MAX_LISTED) {
                    blocked.add(p + (alreadyBelow ? " is already below min ISR" : " would drop below min ISR"));
                }
            }
        }
        if (count == 0) {
            return Verdict.yes("no partition of broker " + nodeId + " would fall below min.insync.replicas");
        }
        if (count > MAX_LISTED) {
            blocked.add("and " + (count - MAX_LISTED) + " more partitions");
        }
        return Verdict.no(blocked);
    }
}
