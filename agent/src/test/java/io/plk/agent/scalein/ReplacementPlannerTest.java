package io.plk.agent.scalein;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Brokers 4, 5, 6 in az1, az2, az3; broker 7 (az1) leaves; 8 is a second broker in az1, 9 one in az2. */
class ReplacementPlannerTest {
    private final ReplacementPlanner planner = new ReplacementPlanner();

    @Test
    void theReplacementIsInTheRemovedBrokersRackThenTheLeastLoaded() {
        Map<TopicPartition, List<Integer>> replicas = new LinkedHashMap<>();
        replicas.put(tp(0), List.of(7, 5, 6));
        replicas.put(tp(1), List.of(5, 7, 6));
        replicas.put(tp(2), List.of(4, 5, 6));
        ReplacementPlanner.Plan plan = planner.plan(replicas, racks(4, "az1", 5, "az2", 6, "az3", 8, "az1"), 7, "az1");
        assertEquals(List.of(), plan.refusals());
        // 4 and 8 are both in az1; 8 holds nothing yet, then 8 holds one and 4 one: the tie goes to the lower id
        assertEquals(List.of(new Move(tp(0), List.of(7, 5, 6), List.of(8, 5, 6), 8),
                new Move(tp(1), List.of(5, 7, 6), List.of(5, 4, 6), 4)), plan.moves());
    }

    @Test
    void withoutABrokerInTheRackAnUnusedRackTakesIt() {
        Map<TopicPartition, List<Integer>> replicas = Map.of(tp(0), List.of(7, 5));
        ReplacementPlanner.Plan plan = planner.plan(replicas, racks(5, "az2", 6, "az3", 9, "az2"), 7, "az1");
        assertEquals(List.of(new Move(tp(0), List.of(7, 5), List.of(6, 5), 6)), plan.moves());
    }

    @Test
    void twoReplicasInOneRackWhereTheyWereSpreadIsRefusedAndNothingMoves() {
        Map<TopicPartition, List<Integer>> replicas = new LinkedHashMap<>();
        replicas.put(tp(0), List.of(7, 5));
        replicas.put(tp(1), List.of(7, 5, 6));
        ReplacementPlanner.Plan plan = planner.plan(replicas, racks(5, "az2", 6, "az3", 9, "az2"), 7, "az1");
        assertTrue(plan.moves().isEmpty(), "t-0 could go to 6, but a half-done scale-in helps nobody");
        assertEquals(List.of("t-1 (replicas [7, 5, 6] in racks [az1, az2, az3]): no live broker outside its replica "
                + "set can take it without two replicas in one rack; add a broker in az1 first"), plan.refusals());
    }

    @Test
    void replicasAlreadySharingARackMayKeepDoingSo() {
        Map<TopicPartition, List<Integer>> replicas = Map.of(tp(0), List.of(7, 8, 5));
        ReplacementPlanner.Plan plan = planner.plan(replicas, racks(5, "az2", 8, "az1", 9, "az2"), 7, "az1");
        assertEquals(List.of(new Move(tp(0), List.of(7, 8, 5), List.of(9, 8, 5), 9)), plan.moves());
    }

    @Test
    void fewerLiveBrokersThanTheReplicationFactorIsRefused() {
        Map<TopicPartition, List<Integer>> replicas = Map.of(tp(0), List.of(4, 5, 7), tp(1), List.of(5, 4, 7));
        ReplacementPlanner.Plan plan = planner.plan(replicas, racks(4, "az1", 5, "az2"), 7, "az3");
        assertEquals(List.of("topic t has replication factor 3 but only 2 live broker(s) [4, 5] would remain: add a "
                + "broker first"), plan.refusals());
    }

    @Test
    void nothingOnTheBrokerIsNothingToMove() {
        ReplacementPlanner.Plan plan = planner.plan(Map.of(tp(0), List.of(4, 5, 6)), racks(4, "az1", 5, "az2", 6,
                "az3"), 7, "az1");
        assertEquals(List.of(), plan.moves());
        assertEquals(List.of(), plan.refusals());
    }

    private static TopicPartition tp(int partition) {
        return new TopicPartition("t", partition);
    }

    private static Map<Integer, String> racks(Object... idsAndRacks) {
        Map<Integer, String> racks = new LinkedHashMap<>();
        for (int i = 0; i < idsAndRacks.length; i += 2) {
            racks.put((Integer) idsAndRacks[i], (String) idsAndRacks[i + 1]);
        }
        return racks;
    }
}
