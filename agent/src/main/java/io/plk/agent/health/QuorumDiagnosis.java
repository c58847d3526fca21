package io.plk.agent.health;

import java.util.ArrayList;
import java.util.List;

/**
 * Can waiting still help? A voter that has not fetched from the leader for many fetch timeouts (or
 * not at all since its restart) will not catch up by itself: the roll should stop now and say where
 * to look, instead of waiting out its whole gate timeout.
 */
public final class QuorumDiagnosis {
    /** Fetch timeouts without a fetch after which a voter is taken to be cut off from the leader. */
    static final int TIMEOUTS_WITHOUT_FETCH = 5;
    private static final long MIN_SILENCE_MS = 10_000;

    /**
     * @param subject       the node a gate asks about; before its stop its own silence is what a restart may cure
     * @param restartedAtMs when the subject was started again (epoch ms), or null before its stop
     */
    public Verdict hopeless(QuorumState quorum, int subject, Long restartedAtMs) {
        long now = quorum.leaderNow();
        if (quorum.leaderId() < 0 || now < 0) {
            return Verdict.yes("no leader to measure against yet");
        }
        long silence = Math.max(MIN_SILENCE_MS, TIMEOUTS_WITHOUT_FETCH * quorum.fetchTimeoutMs());
        List<String> cutOff = new ArrayList<>();
        for (VoterState v : quorum.voters()) {
            if (v.nodeId() == quorum.leaderId()) {
                continue;
            }
            boolean isSubject = v.nodeId() == subject;
            if (isSubject && restartedAtMs == null) {
                continue;
            }
            if (isSubject && v.lastFetchTimestamp() < restartedAtMs && now - restartedAtMs > silence) {
                cutOff.add("voter " + v.nodeId() + " has not fetched from leader " + quorum.leaderId()
                        + " since its restart " + (now - restartedAtMs) + " ms ago");
            } else if (!isSubject && now - v.lastFetchTimestamp() > silence) {
                cutOff.add("voter " + v.nodeId() + " has not fetched from leader " + quorum.leaderId() + " for "
                        + (v.lastFetchTimestamp() < 0 ? "ever" : (now - v.lastFetchTimestamp()) + " ms"));
            }
        }
        if (cutOff.isEmpty()) {
            return Verdict.yes("every voter fetches from the leader");
        }
        cutOff.add(quorum.describe());
        cutOff.add("waiting will not fix this: check in each such node's server.log which leader endpoint it fetches "
                + "from (leaderEndpoints=...) and that it reaches the leader's CONTROLLER listener; on Kafka 3.9 and "
                + "later every voter must advertise CONTROLLER at an address the others reach");
        return Verdict.no(cutOff);
    }
}
