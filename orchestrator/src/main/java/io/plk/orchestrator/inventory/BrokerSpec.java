package io.plk.orchestrator.inventory;

/**
 * One entry of {@code brokers:}.
 *
 * @param host           private address; null until AWS provisioning supplies it
 * @param advertisedPort null to take {@code firstBrokerPort + index}
 * @param configFile     with {@code existing:}, this broker's live server.properties if not the common one
 */
public record BrokerSpec(int nodeId, String azId, String host, Integer advertisedPort, String configFile) {

    public BrokerSpec withHost(String newHost) {
        return new BrokerSpec(nodeId, azId, newHost, advertisedPort, configFile);
    }
}
