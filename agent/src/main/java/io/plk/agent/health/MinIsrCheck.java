package io.plk.agent.health;

import java.util.ArrayList;
import java.util.List;

/**
 * Would stopping this broker push any partition below {@code min.insync.replicas}, so that
 * producers with acks=all fail? Partitions whose replication factor is not above min ISR can never
 * satisfy acks=all through a restart and are skipped, or no roll could ever proceed; but a broker that
 * is the last in-sync replica of a replicated partition never stops, whatever min ISR says.
 */
public final class MinIsrCheck {
    private static final int MAX_LISTED = 5;

    public Verdict canStop(ClusterState state, int nodeId) {
        List<String> blocked = new ArrayList<>();
        int count = 0;
        for (PartitionState p : state.partitions()) {
            String why = blocks(p, nodeId);
            if (why != null && count++ < MAX_LISTED) {
                blocked.add(p + why);
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

    /** Why stopping this broker harms the partition, or null. */
    private static String blocks(PartitionState p, int nodeId) {
        if (!p.replicas().contains(nodeId)) {
            return null;
        }
        if (p.replicas().size() > 1 && p.isr().equals(List.of(nodeId))) {
            // whatever min ISR says: without it the partition goes offline until it is back
            return " has broker " + nodeId + " as its last in-sync replica";
        }
        if (p.replicas().size() <= p.minIsr()) {
            return null;
        }
        if (p.isr().size() < p.minIsr()) {
            return " is already below min ISR";
        }
        return p.isr().contains(nodeId) && p.isr().size() <= p.minIsr() ? " would drop below min ISR" : null;
    }
}
