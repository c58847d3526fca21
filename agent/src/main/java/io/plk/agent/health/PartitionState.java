package io.plk.agent.health;

import java.util.List;

/** One partition as the controller sees it; {@code leader} is -1 when offline. */
public record PartitionState(String topic, int partition, List<Integer> replicas, List<Integer> isr, int leader,
        int minIsr) {

    public boolean isUnderReplicated() {
        return isr.size() < replicas.size();
    }

    public boolean isOffline() {
        return leader < 0;
    }

    public boolean isAtMinIsr() {
        return isr.size() == minIsr;
    }

    @Override
    public String toString() {
        return topic + "-" + partition + " (replicas " + replicas + ", ISR " + isr + ", min.insync.replicas " + minIsr
                + ")";
    }
}
