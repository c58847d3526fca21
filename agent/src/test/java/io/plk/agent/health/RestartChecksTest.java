package io.plk.agent.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The two safety questions on cluster states shaped like the ones LocalClusterIT reads from Kafka. */
class RestartChecksTest {
    private static final long NOW = 1_000_000;
    private static final QuorumState HEALTHY_QUORUM = new QuorumState(2, List.of(
            new VoterState(1, 500, NOW - 100), new VoterState(2, 500, NOW), new VoterState(3, 499, NOW - 300)), 2000);

    @Test
    void allInSyncMeansAnyBrokerMayStop() {
        ClusterState state = state(List.of(partition(0, List.of(1, 2, 3), 2)), HEALTHY_QUORUM);
        for (int node = 1; node <= 3; node++) {
            Verdict verdict = new MinIsrCheck().canStop(state, node).and(new QuorumCheck().canStop(state, node));
            assertTrue(verdict.yes(), verdict.reasons().toString());
        }
    }

    @Test
    void aBrokerInAnIsrAtMinimumMustNotStopAndTheReasonNamesThePartition() {
        ClusterState state = state(List.of(partition(0, List.of(1, 2), 2)), HEALTHY_QUORUM);
        Verdict verdict = new MinIsrCheck().canStop(state, 1);
        assertFalse(verdict.yes());
        assertTrue(verdict.reasons().get(0).startsWith("t-0 (replicas [1, 2, 3], ISR [1, 2], min.insync.replicas 2)"),
                verdict.reasons().toString());
        assertTrue(new MinIsrCheck().canStop(state, 3).yes(), "the broker outside the ISR changes nothing");
    }

    @Test
    void partitionsThatCanNeverMeetMinIsrDoNotBlockForever() {
        PartitionState rf2 = new PartitionState("t", 0, List.of(1, 2), List.of(1, 2), 1, 2);
        assertTrue(new MinIsrCheck().canStop(state(List.of(rf2), HEALTHY_QUORUM), 1).yes());
    }

    @Test
    void theQuorumNeedsTheOtherTwoCaughtUp() {
        QuorumState lagging = new QuorumState(2, List.of(new VoterState(1, 500, NOW - 100), new VoterState(2, 500, NOW),
                new VoterState(3, 10, NOW - 60_000)), 2000);
        Verdict verdict = new QuorumCheck().canStop(state(List.of(), lagging), 1);
        assertFalse(verdict.yes());
        assertTrue(verdict.reasons().get(0).contains("lagging: [3]"), verdict.reasons().toString());
        assertTrue(new QuorumCheck().canStop(state(List.of(), lagging), 3).yes(), "stopping the laggard is safe");
        assertFalse(new QuorumCheck().isCaughtUp(state(List.of(), lagging), 3).yes());
    }

    @Test
    void noLeaderMeansNoRestart() {
        QuorumState leaderless = new QuorumState(-1, HEALTHY_QUORUM.voters(), 2000);
        assertFalse(new QuorumCheck().canStop(state(List.of(), leaderless), 1).yes());
    }

    @Test
    void andKeepsOnlyTheReasonsAgainst() {
        Verdict verdict = Verdict.yes("fine").and(Verdict.no(List.of("bad")));
        assertEquals(new Verdict(false, List.of("bad")), verdict);
    }

    private static PartitionState partition(int id, List<Integer> isr, int minIsr) {
        return new PartitionState("t", id, List.of(1, 2, 3), isr, isr.get(0), minIsr);
    }

    private static ClusterState state(List<PartitionState> partitions, QuorumState quorum) {
        return new ClusterState(Set.of(1, 2, 3), partitions, quorum);
    }
}
