package io.plk.agent.health;

import io.plk.agent.protocol.NodeRoles;

/**
 * The answers a rolling restart reads about one node. A controller-only node hosts no replica: the min-ISR and
 * ISR questions do not apply to it (yes, nothing hosted), the quorum's do, and it has caught up once the
 * leader lists it as a voter or observer with fresh data.
 */
public record RollVerdicts(Verdict canRestart, Verdict caughtUp, Verdict quorumHealthy, Verdict inIsr,
        Verdict canRecover) {

    /** @param restartedAtMs when the node was started again (epoch ms), or null before its stop */
    public static RollVerdicts of(ClusterState state, int nodeId, NodeRoles roles, Long restartedAtMs) {
        QuorumCheck quorum = new QuorumCheck();
        boolean controllerOnly = roles.controllerOnly();
        Verdict noReplicas = Verdict.yes("controller-only node " + nodeId + " hosts no replicas");
        Verdict canRestart = (controllerOnly ? noReplicas : new MinIsrCheck().canStop(state, nodeId))
                .and(quorum.canStop(state, nodeId));
        Verdict caughtUp = controllerOnly ? quorum.inQuorum(state.quorum(), nodeId, restartedAtMs)
                : quorum.isCaughtUp(state, nodeId, restartedAtMs);
        Verdict inIsr = controllerOnly ? noReplicas : new ReplicasInIsrCheck().isBackInIsr(state, nodeId);
        return new RollVerdicts(canRestart, caughtUp, quorum.allCaughtUp(state), inIsr,
                new QuorumDiagnosis().hopeless(state.quorum(), nodeId, restartedAtMs));
    }
}
