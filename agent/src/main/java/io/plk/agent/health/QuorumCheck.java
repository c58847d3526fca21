package io.plk.agent.health;

import java.util.List;

/**
 * Would the KRaft metadata quorum keep a caught-up majority without this node? For 3 voters
 * both others must be caught up, for 5 voters three of the other four.
 */
public final class QuorumCheck {

    public Verdict canStop(ClusterState state, int nodeId) {
        QuorumState quorum = state.quorum();
        if (quorum.voter(nodeId).isEmpty()) {
            return Verdict.yes("node " + nodeId + " is not a controller voter");
        }
        if (quorum.leaderId() < 0) {
            return Verdict.no(List.of("the metadata quorum has no leader"));
        }
        int voters = quorum.voters().size();
        if (voters == 1) {
            return Verdict.yes("single-voter quorum: it is unavailable while node " + nodeId + " restarts");
        }
        List<VoterState> others = quorum.voters().stream().filter(v -> v.nodeId() != nodeId).toList();
        List<VoterState> caughtUp = others.stream().filter(quorum::isCaughtUp).toList();
        int needed = voters / 2 + 1;
        if (caughtUp.size() >= needed) {
            return Verdict.yes(caughtUp.size() + " of the other " + others.size() + " voters are caught up");
        }
        List<Integer> lagging = others.stream().filter(v -> !quorum.isCaughtUp(v)).map(VoterState::nodeId).toList();
        return Verdict.no(List.of("without node " + nodeId + " only " + caughtUp.size() + " caught-up voter(s) "
                + "remain, " + needed + " needed for a majority; lagging: " + lagging));
    }

    /** After a restart: has this voter caught up with the leader again? */
    public Verdict isCaughtUp(ClusterState state, int nodeId) {
        QuorumState quorum = state.quorum();
        return quorum.voter(nodeId)
                .map(v -> quorum.isCaughtUp(v)
                        ? Verdict.yes("voter " + nodeId + " is caught up (log end " + v.logEndOffset() + ")")
                        : Verdict.no(List.of("voter " + nodeId + " lags: log end " + v.logEndOffset() + " of "
                                + quorum.leaderEndOffset())))
                .orElseGet(() -> Verdict.yes("node " + nodeId + " is not a controller voter"));
    }
}
