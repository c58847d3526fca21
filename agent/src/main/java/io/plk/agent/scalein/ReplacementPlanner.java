package io.plk.agent.scalein;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;

/**
 * Where each replica of the broker being removed goes: to a live broker not already in the partition's replica
 * set, in the removed broker's rack (its AZ) if one can take it, else in a rack the partition does not use yet,
 * and among those the one with the fewest replicas. A partition whose replicas were in distinct racks is never
 * given two in one; with no broker to take it, nothing moves at all.
 */
public final class ReplacementPlanner {

    /** The moves, or why none can be made (then {@code moves} is empty). */
    public record Plan(List<Move> moves, List<String> refusals) {
        public boolean refused() {
            return !refusals.isEmpty();
        }
    }

    /**
     * @param replicas  every partition's replicas, in their order
     * @param liveRacks the live brokers that may take replicas (the removed one excluded) and their racks (null: none)
     * @param removed   the broker to empty
     * @param removedRack its rack, or null when unknown (a broker that is down is not described)
     */
    public Plan plan(Map<TopicPartition, List<Integer>> replicas, Map<Integer, String> liveRacks, int removed,
            String removedRack) {
        Map<Integer, Integer> load = new HashMap<>();
        liveRacks.keySet().forEach(b -> load.put(b, 0));
        replicas.values().forEach(list -> list.forEach(b -> load.computeIfPresent(b, (k, n) -> n + 1)));
        List<Move> moves = new ArrayList<>();
        Set<String> refusals = new java.util.LinkedHashSet<>();
        List<TopicPartition> affected = replicas.keySet().stream().filter(tp -> replicas.get(tp).contains(removed))
                .sorted(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition))
                .toList();
        for (TopicPartition tp : affected) {
            List<Integer> from = replicas.get(tp);
            if (liveRacks.size() < from.size()) {
                refusals.add("topic " + tp.topic() + " has replication factor " + from.size() + " but only "
                        + liveRacks.size() + " live broker(s) " + new TreeSet<>(liveRacks.keySet())
                        + " would remain: add a broker first");
                continue;
            }
            Optional<Integer> target = replacement(from, liveRacks, removed, removedRack, load);
            if (target.isEmpty()) {
                refusals.add(tp + " (replicas " + from + " in racks " + racksOf(from, liveRacks, removed, removedRack)
                        + "): no live broker outside its replica set can take it without two replicas in one rack; "
                        + "add a broker in " + (removedRack == null ? "another rack" : removedRack) + " first");
                continue;
            }
            List<Integer> to = new ArrayList<>(from);
            to.set(from.indexOf(removed), target.get());
            load.merge(target.get(), 1, Integer::sum);
            moves.add(new Move(tp, from, to, target.get()));
        }
        return refusals.isEmpty() ? new Plan(moves, List.of()) : new Plan(List.of(), List.copyOf(refusals));
    }

    private static Optional<Integer> replacement(List<Integer> from, Map<Integer, String> liveRacks, int removed,
            String removedRack, Map<Integer, Integer> load) {
        List<String> remainingRacks = from.stream().filter(b -> b != removed).map(liveRacks::get).toList();
        // spread before: every replica in a rack of its own (the removed one's, when it is known, included)
        List<String> before = removedRack == null ? remainingRacks
                : from.stream().map(b -> b == removed ? removedRack : liveRacks.get(b)).toList();
        boolean spread = before.stream().allMatch(Objects::nonNull) && new HashSet<>(before).size() == before.size();
        return liveRacks.keySet().stream()
                .filter(b -> !from.contains(b))
                .filter(b -> !spread || !remainingRacks.contains(liveRacks.get(b)))
                .min(Comparator.<Integer, Boolean>comparing(b -> !Objects.equals(liveRacks.get(b), removedRack)
                                || removedRack == null)
                        .thenComparing(load::get).thenComparing(b -> b));
    }

    private static List<String> racksOf(List<Integer> brokers, Map<Integer, String> liveRacks, int removed,
            String removedRack) {
        return brokers.stream().map(b -> b == removed ? String.valueOf(removedRack) : String.valueOf(liveRacks.get(b)))
                .toList();
    }
}
