package io.plk.orchestrator.plays;

import io.plk.orchestrator.plan.BrokerPlan;
import io.plk.orchestrator.plan.NodeChanges;
import io.plk.orchestrator.plan.Plan;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Before apply touches anything (the load balancer included): the membership changes it carries out, and the
 * ones it refuses with the reason. A broker joins; a port moves only when the user says so; a node leaving,
 * or a controller joining a running quorum, is refused: replicas and votes have to move first, and apply does
 * not move them yet.
 */
public final class MembershipGate {
    private MembershipGate() {
    }

    public static NodeChanges admit(Plan plan, boolean allowPortChange) throws IOException {
        NodeChanges changes = NodeChanges.between(AppliedNodes.read(plan.inventory().file()), plan);
        List<String> refused = new ArrayList<>();
        changes.removed().forEach(n -> refused.add("node " + n.nodeId() + " (" + n.host() + ") was applied before "
                + "but is not in brokers: any more; apply does not take a node out of a running cluster (its "
                + "replicas and its vote would have to move first). Put it back into brokers:"));
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
