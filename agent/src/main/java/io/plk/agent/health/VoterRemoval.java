package io.plk.agent.health;

import java.util.List;

/**
 * May this voter leave the quorum? A voter that votes (caught up) only if at least three remain, so that the quorum
 * still survives one failure. A lost voter (not caught up: its node is down, its disk gone) may also leave a quorum
 * of three when its node is being replaced, because removing a voter that does not vote costs no fault tolerance:
 * three voters with one lost survive no further failure, and neither do the two that remain. Either way the
 * remaining voters need a caught-up majority.
 */
public final class VoterRemoval {
    private static final int MIN_VOTERS = 3;

    public enum Outcome { REMOVE, NOTHING_TO_DO, REFUSED }

    public record Answer(Outcome outcome, String reason) {
    }

    /** @param replacing its node is being replaced: remove it only if lost, and leave a voter that votes alone */
    public Answer decide(QuorumState quorum, int removed, boolean replacing) {
        var voter = quorum.voter(removed);
        if (voter.isEmpty()) {
            return new Answer(Outcome.NOTHING_TO_DO, "node " + removed + " is not a voter");
        }
        boolean lost = !quorum.isCaughtUp(voter.get());
        if (replacing && !lost) {
            return new Answer(Outcome.NOTHING_TO_DO, "voter " + removed + " is caught up, so it is not lost (its "
                    + "replacement votes already, or the old node still runs); left in place");
        }
        List<VoterState> remaining = quorum.voters().stream().filter(v -> v.nodeId() != removed).toList();
        if (remaining.size() < MIN_VOTERS && !(replacing && lost)) {
            return new Answer(Outcome.REFUSED, "removing voter " + removed + " would leave " + remaining.size()
                    + " voter(s); a quorum keeps at least " + MIN_VOTERS + " so that it survives one failure: add a "
                    + "controller first (addVoter)");
        }
        long caughtUp = remaining.stream().filter(quorum::isCaughtUp).count();
        if (caughtUp < remaining.size() / 2 + 1) {
            return new Answer(Outcome.REFUSED, "without voter " + removed + " only " + caughtUp + " of "
                    + remaining.size() + " voters are caught up, no majority: " + quorum.describe());
        }
        return new Answer(Outcome.REMOVE, lost ? "voter " + removed + " is lost (not caught up): " + quorum.describe()
                : remaining.size() + " voters remain, " + caughtUp + " caught up");
    }
}
