package io.plk.agent.health;

import static io.plk.agent.health.Clusters.NOW;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QuorumDiagnosisTest {
    private final QuorumDiagnosis diagnosis = new QuorumDiagnosis();

    @Test
    void aRestartedVoterThatNeverFetchedFromTheLeaderIsHopelessAfterTheSilenceLimit() {
        QuorumState quorum = Clusters.healthy(3).leader(2).voter(3, -1, NOW - 40_000, -1).quorum();
        Verdict verdict = diagnosis.hopeless(quorum, 3, NOW - 30_000);
        assertFalse(verdict.yes());
        String all = String.join("\n", verdict.reasons());
        assertTrue(all.contains("voter 3 has not fetched from leader 2 since its restart 30000 ms ago"), all);
        assertTrue(all.contains("quorum leader 2, epoch 5, high watermark 500"), all);
        assertTrue(all.contains("advertise CONTROLLER"), all);
    }

    @Test
    void aFreshRestartGetsTimeBeforeItIsCalledHopeless() {
        QuorumState quorum = Clusters.healthy(3).voter(3, -1, -1, -1).quorum();
        assertTrue(diagnosis.hopeless(quorum, 3, NOW - 3_000).yes());
    }

    @Test
    void aRestartedVoterThatFetchesIsNotHopelessEvenWhileItLags() {
        QuorumState quorum = Clusters.healthy(3).voter(3, 200, NOW - 10, NOW - 40_000).quorum();
        assertTrue(diagnosis.hopeless(quorum, 3, NOW - 30_000).yes());
    }

    @Test
    void anotherVoterCutOffFromTheLeaderStopsTheGateButTheSubjectsOwnSilenceDoesNot() {
        QuorumState quorum = Clusters.healthy(3).voter(3, 100, NOW - 60_000, NOW - 60_000).quorum();
        Verdict forOne = diagnosis.hopeless(quorum, 2, null);
        assertFalse(forOne.yes());
        assertTrue(forOne.reasons().get(0).equals("voter 3 has not fetched from leader 1 for 60000 ms"),
                forOne.reasons().toString());
        assertTrue(diagnosis.hopeless(quorum, 3, null).yes(), "restarting the silent voter may cure it");
    }
}
