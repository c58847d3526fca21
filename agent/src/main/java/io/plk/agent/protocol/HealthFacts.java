package io.plk.agent.protocol;

import java.util.List;

/**
 * What {@code health} answers, as its facts: the cluster as one node sees it and the rolling restart's verdicts,
 * each with the reasons that reach the user. The orchestrator reads them back into this type, strictly.
 *
 * @param registered  the asked-about node is a registered, unfenced broker
 * @param quorumLeader the metadata quorum's leader (the active controller), -1 when none is known
 * @param canRestart  it may stop now: no partition falls below min ISR, the quorum keeps a caught-up majority
 * @param caughtUp    its voter reached the leader's high watermark since its start (a broker-only node: yes)
 * @param canRecover  waiting can still turn the gates green (no: a voter cut off from the leader)
 */
public record HealthFacts(List<Integer> liveBrokers, boolean registered, List<String> roles, int partitions,
                          long underReplicatedPartitions, long offlinePartitions, long atMinIsrPartitions,
                          int quorumLeader, long quorumEpoch, long highWatermark, List<Voter> voters,
                          boolean canRestart, List<String> canRestartReasons,
                          boolean caughtUp, List<String> caughtUpReasons,
                          boolean quorumHealthy, List<String> quorumHealthyReasons,
                          boolean inIsr, List<String> inIsrReasons,
                          boolean canRecover, List<String> canRecoverReasons) {

    public HealthFacts {
        liveBrokers = liveBrokers == null ? List.of() : List.copyOf(liveBrokers);
        roles = roles == null ? List.of() : List.copyOf(roles);
        voters = voters == null ? List.of() : List.copyOf(voters);
        canRestartReasons = orEmpty(canRestartReasons);
        caughtUpReasons = orEmpty(caughtUpReasons);
        quorumHealthyReasons = orEmpty(quorumHealthyReasons);
        inIsrReasons = orEmpty(inIsrReasons);
        canRecoverReasons = orEmpty(canRecoverReasons);
    }

    private static List<String> orEmpty(List<String> reasons) {
        return reasons == null ? List.of() : List.copyOf(reasons);
    }

    /** One voter of the metadata quorum as its leader sees it. */
    public record Voter(int nodeId, long logEndOffset, long lag, long lastFetchTimestamp, long lastCaughtUpTimestamp,
                        boolean caughtUp) {
    }
}
