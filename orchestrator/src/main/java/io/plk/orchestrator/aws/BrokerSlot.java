package io.plk.orchestrator.aws;

/**
 * One broker of the port plan.
 *
 * @param advertisedPort the load balancer port that forwards to this broker only
 * @param externalPort   the broker's EXTERNAL listener port, the target of the load balancer
 */
public record BrokerSlot(int nodeId, String azId, int advertisedPort, int externalPort, int internalPort,
        int controllerPort) {
}
