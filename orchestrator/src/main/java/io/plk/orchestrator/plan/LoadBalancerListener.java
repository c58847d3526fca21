package io.plk.orchestrator.plan;

import java.util.List;

/**
 * One port of the load balancer in front of the brokers: the bootstrap port forwards to every
 * broker's EXTERNAL listener, each broker port forwards to exactly one broker.
 *
 * @param name    target group name, e.g. {@code kafka-pl-bootstrap} or {@code kafka-pl-b1}
 * @param port    the port the load balancer listens on (what the advertised listeners name)
 * @param nodeId  the broker behind it, or {@code null} for the bootstrap listener
 * @param targets broker private address and EXTERNAL listener port
 */
public record LoadBalancerListener(String name, int port, Integer nodeId, List<Endpoint> targets) {
    public LoadBalancerListener {
        targets = List.copyOf(targets);
    }

    public boolean isBootstrap() {
        return nodeId == null;
    }
}
