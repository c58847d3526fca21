package io.plk.orchestrator.inventory;

import java.util.Set;

/**
 * One entry of {@code brokers:}: a KRaft node, a broker, a controller or both.
 *
 * @param host           private address; null until AWS provisioning supplies it
 * @param advertisedPort null to take {@code firstBrokerPort + nodeId - 1}
 * @param configFile     with {@code existing:}, this broker's live server.properties if not the common one
 * @param roles          {@code [broker, controller]} unless the inventory says otherwise
 */
public record BrokerSpec(int nodeId, String azId, String host, Integer advertisedPort, String configFile,
        Set<Role> roles) {

    public static final Set<Role> COMBINED = Set.of(Role.BROKER, Role.CONTROLLER);

    public BrokerSpec {
        roles = Set.copyOf(roles);
    }

    public BrokerSpec withHost(String newHost) {
        return new BrokerSpec(nodeId, azId, newHost, advertisedPort, configFile, roles);
    }

    public boolean isBroker() {
        return roles.contains(Role.BROKER);
    }

    public boolean isController() {
        return roles.contains(Role.CONTROLLER);
    }
}
