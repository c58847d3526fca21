package io.plk.orchestrator.inventory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Rules that span several fields: identities and ports that must not collide. */
final class CrossChecks {
    /** An AWS network load balancer's listener quota, which AWS does not raise. */
    static final int MAX_LOAD_BALANCER_LISTENERS = 50;
    private final YamlSection clusterSection;
    private final ClusterSpec cluster;
    private final PrivateLinkSpec privateLink;
    private final List<BrokerSpec> brokers;
    private final List<YamlSection> sections;

    CrossChecks(YamlSection clusterSection, ClusterSpec cluster, PrivateLinkSpec privateLink, List<BrokerSpec> brokers,
            List<YamlSection> sections) {
        this.clusterSection = clusterSection;
        this.cluster = cluster;
        this.privateLink = privateLink;
        this.brokers = brokers;
        this.sections = sections;
    }

    void check() {
        uniqueNodeIdsAndHosts();
        distinctListenerPorts();
        distinctAdvertisedPorts();
    }

    private void uniqueNodeIdsAndHosts() {
        Map<Integer, Integer> nodeIds = new HashMap<>();
        Map<String, Integer> hosts = new HashMap<>();
        for (int i = 0; i < brokers.size(); i++) {
            BrokerSpec broker = brokers.get(i);
            Integer first = nodeIds.putIfAbsent(broker.nodeId(), i);
            if (broker.nodeId() >= 0 && first != null) {
                sections.get(i).problem("nodeId", "node.id " + broker.nodeId() + " is already used by brokers["
                        + first + "]; every broker needs its own nodeId");
            }
            if (broker.host() != null) {
                Integer sameHost = hosts.putIfAbsent(broker.host(), i);
                if (sameHost != null) {
                    sections.get(i).problem("host", broker.host() + " is already brokers[" + sameHost
                            + "].host; one broker per host");
                }
            }
        }
    }

    private void distinctListenerPorts() {
        Ports ports = cluster.ports();
        if (ports.controller() == ports.internal() || ports.controller() == ports.external()
                || ports.internal() == ports.external()) {
            clusterSection.problem("ports", "controller, internal and external must be three different ports "
                    + "(runbook: 29092, 9092, 39092); got " + ports);
        }
    }

    private void distinctAdvertisedPorts() {
        Map<Integer, String> taken = new HashMap<>();
        taken.put(privateLink.bootstrapPort(), "privateLink.bootstrapPort");
        int listeners = 1;
        for (int i = 0; i < brokers.size(); i++) {
            BrokerSpec broker = brokers.get(i);
            if (!broker.isBroker()) {
                continue;
            }
            listeners++;
            int port = privateLink.advertisedPort(broker);
            String owner = taken.putIfAbsent(port, "brokers[" + i + "]");
            String key = broker.advertisedPort() != null ? "advertisedPort" : "nodeId";
            if (owner != null) {
                sections.get(i).problem(key, "advertised port " + port + " is already used by " + owner
                        + "; every broker needs its own load balancer port (set advertisedPort)");
            } else if (port < 1 || port > 65535) {
                sections.get(i).problem(key, "advertised port " + port + " (privateLink.firstBrokerPort + nodeId - 1)"
                        + " is not a port; set advertisedPort or change privateLink.firstBrokerPort");
            }
        }
        if (listeners > MAX_LOAD_BALANCER_LISTENERS) {
            sections.get(0).problem("nodeId", (listeners - 1) + " brokers need " + listeners + " load balancer "
                    + "listeners (one per broker and the bootstrap), but an AWS network load balancer has at most "
                    + MAX_LOAD_BALANCER_LISTENERS + ": one endpoint service serves at most "
                    + (MAX_LOAD_BALANCER_LISTENERS - 1) + " brokers");
        }
    }
}
