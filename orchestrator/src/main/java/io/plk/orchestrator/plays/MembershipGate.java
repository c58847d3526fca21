package io.plk.orchestrator.plays;

import io.plk.orchestrator.plan.AppliedNode;
import io.plk.orchestrator.plan.BrokerPlan;
import io.plk.orchestrator.plan.NodeChanges;
import io.plk.orchestrator.plan.Plan;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Before apply touches anything (the load balancer included): the membership changes it carries out, and the
 * ones it refuses with the reason. A broker joins; a port moves only when the user says so; a broker-only node
 * leaves only when the user says so (its replicas move first, see {@link RemoveBrokersPlay}); a controller
 * leaving, or joining a running quorum, is refused: votes have to move, and apply does not move them.
 */
public final class MembershipGate {
    private MembershipGate() {
    }

    /** @param removeBrokers the user allowed broker-only nodes that left the inventory to be taken out */
    public static NodeChanges admit(Plan plan, boolean allowPortChange, boolean removeBrokers) throws IOException {
        NodeChanges changes = NodeChanges.between(AppliedNodes.read(plan.inventory().file()), plan);
        List<String> refused = new ArrayList<>();
        changes.removed().stream().filter(AppliedNode::isController).forEach(n -> refused.add("node " + n.nodeId()
                + " (" + n.host() + ") is a controller that left brokers:; apply takes out broker-only nodes only "
                + "(a voter leaves the quorum first: the agent's removeVoter on a 4.x dynamic quorum). Put it back "
                + "into brokers:"));
        if (!removeBrokers) {
            changes.removed().stream().filter(n -> !n.isController()).forEach(n -> refused.add("node " + n.nodeId()
                    + " (" + n.host() + ") was applied before but is not in brokers: any more. Re-run with "
                    + "--remove-brokers to move its replicas to the other brokers, stop it and unregister it "
                    + "(its data stays on its disk), or put it back into brokers:"));
        }
        changes.added().stream().filter(BrokerPlan::isController).forEach(n -> refused.add(n.label() + " would join "
                + "the running quorum as a controller; apply does not add a voter to a running cluster. Add it as a "
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
}
