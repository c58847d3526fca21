package io.plk.agent.health;

import java.util.List;
import java.util.Optional;

/** The metadata quorum: its leader (the active controller), voters, and the fetch timeout that defines "caught up". */
public record QuorumState(int leaderId, List<VoterState> voters, long fetchTimeoutMs) {

    public QuorumState {
        voters = List.copyOf(voters);
    }

    public Optional<VoterState> voter(int nodeId) {
        return voters.stream().filter(v -> v.nodeId() == nodeId).findFirst();
    }

    public long leaderEndOffset() {
        return voter(leaderId).map(VoterState::logEndOffset).orElse(-1L);
    }

    /** Strimzi's rule: within one fetch timeout of the leader's own last caught-up time. */
    public boolean isCaughtUp(VoterState voter) {
        Optional<VoterState> leader = voter(leaderId);
        if (leader.isEmpty() || voter.lastCaughtUpTimestamp() < 0) {
            return false;
        }
        return leader.get().lastCaughtUpTimestamp() - voter.lastCaughtUpTimestamp() < fetchTimeoutMs;
    }
}
