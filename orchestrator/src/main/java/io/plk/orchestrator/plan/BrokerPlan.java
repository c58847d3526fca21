package io.plk.orchestrator.plan;

import io.plk.orchestrator.inventory.Role;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything about one KRaft node that later steps need, computed once from the inventory.
 *
 * @param brokerId       the pattern's {@code <broker_id>}: prefix + node.id, e.g. {@code b1}
 * @param externalHost   the advertised EXTERNAL name, e.g. {@code b1.usw2-az1.unique_name.aws.plc.tidbcloud.com};
 *                       null on a controller-only node, which has no EXTERNAL listener
 * @param advertisedPort the load balancer port TiDB Cloud uses for this broker; 0 on a controller-only node
 * @param controller     its CONTROLLER listener at its private address: the voter endpoint
 */
public record BrokerPlan(int nodeId, String azId, String host, String brokerId, String externalHost,
        int advertisedPort, Endpoint controller, RemotePaths paths, Set<Role> roles) {

    public BrokerPlan {
        roles = Set.copyOf(roles);
    }

    public boolean isBroker() {
        return roles.contains(Role.BROKER);
    }

    public boolean isController() {
        return roles.contains(Role.CONTROLLER);
    }

    /** As {@code process.roles} writes them: {@code broker,controller}, {@code broker} or {@code controller}. */
    public String processRoles() {
        return Role.BROKER_FIRST.stream().filter(roles::contains).map(Role::propertyValue)
                .collect(Collectors.joining(","));
    }

    public Endpoint externalAdvertised() {
        if (!isBroker()) {
            throw new IllegalStateException(label() + " is controller-only: it advertises no EXTERNAL listener");
        }
        return new Endpoint(externalHost, advertisedPort);
    }

    public BrokerPlan withPaths(RemotePaths found) {
        return new BrokerPlan(nodeId, azId, host, brokerId, externalHost, advertisedPort, controller, found, roles);
    }

    public String label() {
        return (isBroker() ? "broker " : "controller ") + nodeId + " (" + host + ", " + azId + ")";
    }
}
