package io.plk.agent.health;

import static io.plk.agent.health.Clusters.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class QuorumCheckTest {
    private final QuorumCheck check = new QuorumCheck();

    @Test
    void theQuorumNeedsTheOtherTwoCaughtUp() {
        ClusterState lagging = Clusters.healthy(3).leader(2).voter(3, 10, NOW - 60_000, NOW - 60_000).build();
        Verdict verdict = check.canStop(lagging, 1);
        assertFalse(verdict.yes());
        assertTrue(verdict.reasons().get(0).contains("lagging: [3]"), verdict.reasons().toString());
        assertTrue(check.canStop(lagging, 3).yes(), "stopping the laggard is safe");
        assertFalse(check.isCaughtUp(lagging, 3, null).yes());
    }

    @Test
    void noLeaderMeansNoRestart() {
        assertFalse(check.canStop(Clusters.healthy(3).noLeader().build(), 1).yes());
    }

    @Test
    void aRestartedVoterIsCaughtUpOnlyWithDataFromAfterItsRestart() {
        long restartedAt = NOW - 5_000;
        ClusterState stale = Clusters.healthy(3).voter(3, 500, NOW - 6_000, NOW - 6_000).build();
        assertFalse(check.isCaughtUp(stale, 3, restartedAt).yes(), "a caught-up time from before the restart");

        ClusterState behind = Clusters.healthy(3).highWatermark(520).voter(3, 510, NOW - 50, NOW - 1_000).build();
        assertFalse(check.isCaughtUp(behind, 3, restartedAt).yes(), "fresh but below the high watermark");

        ClusterState neverFetched = Clusters.healthy(3).voter(3, -1, -1, -1).build();
        Verdict verdict = check.isCaughtUp(neverFetched, 3, restartedAt);
        assertFalse(verdict.yes());
        assertTrue(verdict.reasons().get(0).contains("voter 3: log end -1, lag 501, last fetch never"),
                verdict.reasons().toString());

        ClusterState caughtUp = Clusters.healthy(3).voter(3, 500, NOW - 50, NOW - 50).build();
        assertTrue(check.isCaughtUp(caughtUp, 3, restartedAt).yes());
    }

    @Test
    void theWholeQuorumMustBeCaughtUpNotOnlyTheRestartedVoter() {
        ClusterState other = Clusters.healthy(3).voter(2, 100, NOW - 30_000, NOW - 30_000).build();
        assertTrue(check.isCaughtUp(other, 3, NOW - 5_000).yes());
        Verdict all = check.allCaughtUp(other);
        assertFalse(all.yes());
        assertTrue(all.reasons().get(0).startsWith("voters not caught up: [2]; quorum leader 1, epoch 5"),
                all.reasons().toString());
        assertTrue(check.allCaughtUp(Clusters.healthy(3).build()).yes());
        assertFalse(check.allCaughtUp(Clusters.healthy(3).noLeader().build()).yes());
    }

    @Test
    void andKeepsOnlyTheReasonsAgainst() {
        assertEquals(new Verdict(false, List.of("bad")), Verdict.yes("fine").and(Verdict.no(List.of("bad"))));
    }

    @Test
    void aControllerOnANewDiskIsJudgedByItsNewDirectoryNotTheOneTheLeaderStillReports() {
        // seen with Kafka 4.1.1: after remove-controller the leader lists node 3 twice, the lost disk's entry stale
        QuorumState quorum = Clusters.healthy(2).observer(3, 498, NOW - 200_000, NOW - 200_000)
                .observerAgain(3, 500, NOW - 50, NOW - 50).quorum();
        assertTrue(check.inQuorum(quorum, 3, null).yes(), check.inQuorum(quorum, 3, null).reasons().toString());
    }
}
