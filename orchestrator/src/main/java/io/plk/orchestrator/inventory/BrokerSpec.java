package io.plk.orchestrator.inventory;

/**
 * One entry of {@code brokers:}.
 *
 * @param host           private address; null until AWS provisioning supplies it
 * @param advertisedPort null to take {@code firstBrokerPort + index}
 */
public record BrokerSpec(int nodeId, String azId, String host, Integer advertisedPort) {

    public BrokerSpec withHost(String newHost) {
        return new BrokerSpec(nodeId, azId, newHost, advertisedPort);
    }
}
