package io.plk.agent.health;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MinIsrCheckTest {
    private final MinIsrCheck check = new MinIsrCheck();

    @Test
    void allInSyncMeansAnyBrokerMayStop() {
        ClusterState state = Clusters.healthy(3).partition(0, List.of(1, 2, 3), 2).build();
        for (int node = 1; node <= 3; node++) {
            assertTrue(check.canStop(state, node).yes(), check.canStop(state, node).reasons().toString());
        }
    }

    @Test
    void aBrokerInAnIsrAtMinimumMustNotStopAndTheReasonNamesThePartition() {
        ClusterState state = Clusters.healthy(3).partition(0, List.of(1, 2), 2).build();
        Verdict verdict = check.canStop(state, 1);
        assertFalse(verdict.yes());
        assertTrue(verdict.reasons().get(0).startsWith("t-0 (replicas [1, 2, 3], ISR [1, 2], min.insync.replicas 2)"),
                verdict.reasons().toString());
        assertTrue(check.canStop(state, 3).yes(), "the broker outside the ISR changes nothing");
    }

    @Test
    void partitionsThatCanNeverMeetMinIsrDoNotBlockForever() {
        ClusterState state = Clusters.healthy(3).partition(0, List.of(1, 2), List.of(1, 2), 2).build();
        assertTrue(check.canStop(state, 1).yes());
    }

    @Test
    void theLastInSyncReplicaNeverStopsEvenWhenReplicationIsNotAboveMinIsr() {
        ClusterState state = Clusters.healthy(3).partition(4, List.of(1, 2), List.of(2), 2).build();
        Verdict verdict = check.canStop(state, 2);
        assertFalse(verdict.yes());
        assertTrue(verdict.reasons().get(0).startsWith("t-4 ") && verdict.reasons().get(0)
                .endsWith("has broker 2 as its last in-sync replica"), verdict.reasons().toString());
        assertTrue(check.canStop(state, 1).yes(), "broker 1 is out of that ISR already");
    }

    @Test
    void aSingleReplicaPartitionDoesNotBlockEveryRoll() {
        ClusterState state = Clusters.healthy(3).partition(0, List.of(2), List.of(2), 1).build();
        assertTrue(check.canStop(state, 2).yes());
    }
}
