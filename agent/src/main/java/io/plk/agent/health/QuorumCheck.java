package io.plk.agent.health;

import java.util.List;
import java.util.Optional;

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

    /**
     * After a restart at {@code restartedAtMs} (epoch ms): has this voter caught up again? Only data from
     * after the restart counts: its log end has reached the leader's high watermark as read now, and its
     * last caught-up time is newer than the restart. Without a restart time, the fetch-timeout rule.
     */
    public Verdict isCaughtUp(ClusterState state, int nodeId, Long restartedAtMs) {
        QuorumState quorum = state.quorum();
        return quorum.voter(nodeId)
                .map(v -> caughtUp(quorum, v, restartedAtMs)
                        ? Verdict.yes("voter " + nodeId + " is caught up (log end " + v.logEndOffset() + ")")
                        : Verdict.no(List.of("voter " + nodeId + " has not caught up since its restart: "
                                + quorum.describe())))
                .orElseGet(() -> Verdict.yes("node " + nodeId + " is not a controller voter"));
    }

    /**
     * A controller-only node has no broker registration to wait for: it is up once the leader lists it, as a
     * voter or (formatted to join, not yet added) as an observer, caught up with data from after
     * {@code sinceMs}; without a time, by the fetch-timeout rule.
     */
    public Verdict inQuorum(QuorumState quorum, int nodeId, Long sinceMs) {
        Optional<VoterState> member = quorum.member(nodeId);
        if (member.isEmpty()) {
            return Verdict.no(List.of("node " + nodeId + " is neither a voter nor an observer of the metadata quorum: "
                    + quorum.describe()));
        }
        String role = quorum.voter(nodeId).isPresent() ? "voter " : "observer ";
        return caughtUp(quorum, member.get(), sinceMs)
                ? Verdict.yes(role + nodeId + " is caught up (log end " + member.get().logEndOffset() + ")")
                : Verdict.no(List.of(role + nodeId + " has not caught up" + (sinceMs == null ? "" : " since its start")
                        + ": log end " + member.get().logEndOffset() + "; " + quorum.describe()));
    }

    /** Every voter caught up: what the quorum must be before the next node is picked. */
    public Verdict allCaughtUp(ClusterState state) {
        QuorumState quorum = state.quorum();
        List<Integer> lagging = quorum.voters().stream().filter(v -> !quorum.isCaughtUp(v))
                .map(VoterState::nodeId).toList();
        return lagging.isEmpty() && quorum.leaderId() >= 0
                ? Verdict.yes("all " + quorum.voters().size() + " voters are caught up")
                : Verdict.no(List.of("voters not caught up: " + lagging + "; " + quorum.describe()));
    }

    private static boolean caughtUp(QuorumState quorum, VoterState voter, Long restartedAtMs) {
        if (restartedAtMs == null) {
            return quorum.isCaughtUp(voter);
        }
        return voter.logEndOffset() >= quorum.highWatermark() && quorum.highWatermark() >= 0
                && voter.lastCaughtUpTimestamp() > restartedAtMs;
    }
}
