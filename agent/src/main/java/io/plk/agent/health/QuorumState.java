package io.plk.agent.health;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The metadata quorum: its leader (the active controller) and epoch, the high watermark, the voters, the
 * observers (brokers, and controllers not yet added as voters) and the fetch timeout that defines "caught up".
 */
public record QuorumState(int leaderId, long leaderEpoch, long highWatermark, List<VoterState> voters,
        long fetchTimeoutMs, List<VoterState> observers) {

    public QuorumState {
        voters = List.copyOf(voters);
        observers = List.copyOf(observers);
    }

    public QuorumState(int leaderId, long leaderEpoch, long highWatermark, List<VoterState> voters,
            long fetchTimeoutMs) {
        this(leaderId, leaderEpoch, highWatermark, voters, fetchTimeoutMs, List.of());
    }

    public Optional<VoterState> voter(int nodeId) {
        return voters.stream().filter(v -> v.nodeId() == nodeId).findFirst();
    }

    /**
     * A voter, else an observer: whoever fetches the metadata log under this id. An id seen under several directories
     * (a replaced disk: the leader keeps reporting the old one for a while) is the one that fetched last.
     */
    public Optional<VoterState> member(int nodeId) {
        return voter(nodeId).or(() -> observers.stream().filter(o -> o.nodeId() == nodeId)
                .max(Comparator.comparingLong(VoterState::lastFetchTimestamp)));
    }

    public long leaderEndOffset() {
        return voter(leaderId).map(VoterState::logEndOffset).orElse(-1L);
    }

    /** The leader's clock: its own last fetch time is the moment it answered. */
    public long leaderNow() {
        return voter(leaderId).map(VoterState::lastFetchTimestamp).orElse(-1L);
    }

    /** Strimzi's rule: within one fetch timeout of the leader's own last caught-up time. */
    public boolean isCaughtUp(VoterState voter) {
        Optional<VoterState> leader = voter(leaderId);
        if (leader.isEmpty() || voter.lastCaughtUpTimestamp() < 0) {
            return false;
        }
        return leader.get().lastCaughtUpTimestamp() - voter.lastCaughtUpTimestamp() < fetchTimeoutMs;
    }

    /** Everything an operator needs to see why a gate waits, in one line. */
    public String describe() {
        long now = leaderNow();
        return "quorum leader " + (leaderId < 0 ? "none" : leaderId) + ", epoch " + leaderEpoch + ", high watermark "
                + highWatermark + "; " + voters.stream().map(v -> "voter " + v.nodeId() + ": log end "
                        + v.logEndOffset() + ", lag " + Math.max(0, leaderEndOffset() - v.logEndOffset())
                        + ", last fetch " + ago(now, v.lastFetchTimestamp()) + ", last caught up "
                        + ago(now, v.lastCaughtUpTimestamp()))
                .collect(Collectors.joining("; "));
    }

    private static String ago(long now, long timestamp) {
        if (timestamp < 0) {
            return "never";
        }
        return now < 0 ? "at " + timestamp : Math.max(0, now - timestamp) + " ms ago";
    }
}
