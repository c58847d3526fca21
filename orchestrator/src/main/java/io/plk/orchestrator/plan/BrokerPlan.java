package io.plk.orchestrator.plan;

/**
 * Everything about one broker that later steps need, computed once from the inventory.
 *
 * @param brokerId       the pattern's {@code <broker_id>}: prefix + node.id, e.g. {@code b1}
 * @param externalHost   the advertised EXTERNAL name, e.g. {@code b1.usw2-az1.unique_name.aws.plc.tidbcloud.com}
 * @param advertisedPort the load balancer port TiDB Cloud uses for this broker
 * @param controller     its CONTROLLER listener at its private address: the voter endpoint
 */
public record BrokerPlan(int nodeId, String azId, String host, String brokerId, String externalHost,
        int advertisedPort, Endpoint controller, RemotePaths paths) {

    public Endpoint externalAdvertised() {
        return new Endpoint(externalHost, advertisedPort);
    }

    public String label() {
        return "broker " + nodeId + " (" + host + ", " + azId + ")";
    }
}
