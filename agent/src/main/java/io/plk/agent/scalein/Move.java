package io.plk.agent.scalein;

import java.util.List;
import org.apache.kafka.common.TopicPartition;

/** One partition's replicas before and after the move; {@code added} took the removed broker's place. */
public record Move(TopicPartition partition, List<Integer> from, List<Integer> to, int added) {

    public Move {
        from = List.copyOf(from);
        to = List.copyOf(to);
    }

    @Override
    public String toString() {
        return partition + ": " + from + " -> " + to;
    }
}
