package io.plk.agent.health;

import static io.plk.agent.health.Clusters.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plk.agent.health.VoterRemoval.Outcome;
import org.junit.jupiter.api.Test;

class VoterRemovalTest {
    private final VoterRemoval removal = new VoterRemoval();

    @Test
    void aVoterThatVotesLeavesOnlyAQuorumOfFourOrMore() {
        VoterRemoval.Answer three = removal.decide(Clusters.healthy(3).quorum(), 3, false);
        assertEquals(Outcome.REFUSED, three.outcome());
        assertTrue(three.reason().contains("would leave 2 voter(s)"), three.reason());
        assertEquals(Outcome.REMOVE, removal.decide(Clusters.healthy(4).quorum(), 4, false).outcome());
    }

    @Test
    void aLostVoterOfAReplacedNodeMayLeaveAQuorumOfThree() {
        QuorumState lost = Clusters.healthy(3).voter(3, 100, NOW - 60_000, NOW - 60_000).quorum();
        assertEquals(Outcome.REMOVE, removal.decide(lost, 3, true).outcome());
        assertEquals(Outcome.REFUSED, removal.decide(lost, 3, false).outcome(),
                "without a replacement coming, a quorum of three does not shrink");
    }

    @Test
    void aReplacedNodeWhoseVoterVotesKeepsIt() {
        VoterRemoval.Answer answer = removal.decide(Clusters.healthy(3).quorum(), 3, true);
        assertEquals(Outcome.NOTHING_TO_DO, answer.outcome(), "a re-run after the replacement was added");
        assertTrue(answer.reason().contains("left in place"), answer.reason());
    }

    @Test
    void theRemainingVotersNeedACaughtUpMajority() {
        QuorumState twoLost = Clusters.healthy(3).voter(2, 100, NOW - 60_000, NOW - 60_000)
                .voter(3, 100, NOW - 60_000, NOW - 60_000).quorum();
        VoterRemoval.Answer answer = removal.decide(twoLost, 3, true);
        assertEquals(Outcome.REFUSED, answer.outcome());
        assertTrue(answer.reason().contains("only 1 of 2 voters are caught up"), answer.reason());
    }

    @Test
    void aNodeThatIsNoVoterHasNothingToRemove() {
        assertEquals(Outcome.NOTHING_TO_DO, removal.decide(Clusters.healthy(3).quorum(), 7, true).outcome());
    }
}
