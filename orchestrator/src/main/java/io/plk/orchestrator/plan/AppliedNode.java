package io.plk.orchestrator.plan;

import io.plk.orchestrator.inventory.Role;
import java.util.Set;

/**
 * One node as the last successful apply left it: what a later plan compares against, so that a broker taken out
 * of the inventory or given another port is noticed before anything changes.
 *
 * @param advertisedPort its load balancer port; 0 on a controller-only node
 */
public record AppliedNode(int nodeId, String azId, String host, Set<Role> roles, int advertisedPort) {
    public AppliedNode {
        roles = Set.copyOf(roles);
    }

    public boolean isBroker() {
        return roles.contains(Role.BROKER);
    }

    public boolean isController() {
        return roles.contains(Role.CONTROLLER);
    }

    public static AppliedNode of(BrokerPlan node) {
        return new AppliedNode(node.nodeId(), node.azId(), node.host(), node.roles(), node.advertisedPort());
    }
}
