package io.plk.orchestrator.plays;

import io.plk.orchestrator.plan.AppliedNode;
import io.plk.orchestrator.plan.BrokerPlan;
import io.plk.orchestrator.plan.NodeChanges;
import io.plk.orchestrator.plan.Plan;
import io.plk.orchestrator.plan.Quorum;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Before apply touches anything (the load balancer included): the membership changes it carries out, and the
 * ones it refuses with the reason. A broker joins; a port moves only when the user says so; a node leaves only
 * when the user says so (its replicas move first and, a controller of a dynamic quorum, its vote goes the quorum's
 * own way: see {@link RemoveBrokersPlay}); a controller joins a dynamic quorum as an observer and is then added as
 * a voter ({@link VoterJoin}); the voters of a static quorum never change.
 */
public final class MembershipGate {
    private MembershipGate() {
    }

    /** @param removeBrokers the user allowed nodes that left the inventory to be taken out */
    public static NodeChanges admit(Plan plan, boolean allowPortChange, boolean removeBrokers) throws IOException {
        NodeChanges changes = NodeChanges.between(AppliedNodes.read(plan.inventory().file()), plan);
        List<String> refused = new ArrayList<>();
        boolean staticQuorum = plan.quorum().mode() != Quorum.Mode.DYNAMIC;
        changes.removed().stream().filter(n -> n.isController() && staticQuorum).forEach(n -> refused.add("node "
                + n.nodeId() + " (" + n.host() + ") is a controller that left brokers:, and the quorum is static "
                + "(controller.quorum.voters): its voters cannot change while it runs (a Kafka 4.x dynamic quorum's "
                + "can, KIP-853). Put it back into brokers:"));
        if (!removeBrokers) {
            changes.removed().stream().filter(n -> !n.isController() || !staticQuorum).forEach(n -> refused.add(
                    "node " + n.nodeId() + " (" + n.host() + ") was applied before but is not in brokers: any more. "
                    + "Re-run with --remove-brokers to take it out of the cluster (" + removal(n) + "; its data "
                    + "stays on its disk), or put it back into brokers:"));
        }
        changes.added().stream().filter(n -> n.isController() && staticQuorum).forEach(n -> refused.add(n.label()
                + " would join the running quorum as a controller, and the quorum is static (controller.quorum.voters): "
                + "its voters cannot change while it runs (a Kafka 4.x dynamic quorum's can, KIP-853). Add it as a "
                + "broker (roles: [broker]), or leave it out"));
        if (!allowPortChange && !changes.portChanges().isEmpty()) {
            refused.add(String.join("; ", changes.portChanges()) + ": the cloud side dials the old port until it reads "
                    + "new metadata. Re-run with --allow-port-change if that is intended");
        }
        if (!refused.isEmpty()) {
            throw new GateBlockedException("membership", "plan", String.join("\n", refused) + "\nNothing was changed.");
        }
        return changes;
    }

    private static String removal(AppliedNode node) {
        List<String> steps = new ArrayList<>();
        if (node.isBroker()) {
            steps.add("its replicas move to the other brokers");
        }
        if (node.isController()) {
            steps.add("it leaves the quorum's voters");
        }
        steps.add("it stops");
        if (node.isBroker()) {
            steps.add("is unregistered");
        }
        return String.join(", ", steps);
    }
}
