package io.plk.lab;

import io.plk.orchestrator.plan.Endpoint;
import io.plk.orchestrator.plan.LoadBalancerListener;
import java.util.List;

/**
 * The lab's stand-in for runbook Step 2's network load balancer: HAProxy in TCP mode, one
 * {@code listen} section per {@link LoadBalancerListener}, with TCP health checks on the targets
 * as the NLB's target groups have. It sits on the VPC network (to reach the brokers) and on the
 * edge network shared with the client.
 */
public final class LoadBalancer {
    private static final String CONFIG = "/etc/haproxy/lab.cfg";
    private static final String PID_FILE = "/run/haproxy-lab.pid";

    private final LabHost host;
    private final String edgeIp;
    private volatile List<LoadBalancerListener> listeners = List.of();

    LoadBalancer(LabHost host, String edgeIp) {
        this.host = host;
        this.edgeIp = edgeIp;
    }

    public LabHost host() {
        return host;
    }

    /** The address the client connects to (the endpoint's address, in PrivateLink terms). */
    public String edgeIp() {
        return edgeIp;
    }

    public List<LoadBalancerListener> listeners() {
        return listeners;
    }

    /**
     * Replaces the port map: validates the new configuration, then reloads HAProxy without dropping
     * established connections on unchanged ports. Ports no longer listed stop listening.
     */
    public void route(List<LoadBalancerListener> newListeners) {
        if (newListeners.isEmpty()) {
            throw new IllegalArgumentException("the load balancer needs at least one listener");
        }
        host.copyIn(config(newListeners), CONFIG, 0644);
        host.sh("haproxy -c -q -f " + CONFIG);
        host.sh("if [ -s " + PID_FILE + " ] && kill -0 $(cat " + PID_FILE + ") 2>/dev/null; "
                + "then haproxy -D -p " + PID_FILE + " -f " + CONFIG + " -sf $(cat " + PID_FILE + "); "
                + "else haproxy -D -p " + PID_FILE + " -f " + CONFIG + "; fi");
        this.listeners = List.copyOf(newListeners);
    }

    static String config(List<LoadBalancerListener> listeners) {
        StringBuilder cfg = new StringBuilder("""
                # written by io.plk.lab.LoadBalancer
                global
                    maxconn 4000
                defaults
                    mode tcp
                    timeout connect 5s
                    timeout client 1h
                    timeout server 1h
                    default-server inter 2s fall 2 rise 1
                """);
        for (LoadBalancerListener listener : listeners) {
            cfg.append("listen ").append(listener.name()).append('\n');
            cfg.append("    bind :").append(listener.port()).append('\n');
            if (listener.isBootstrap()) {
                cfg.append("    balance roundrobin\n");
            }
            int i = 0;
            for (Endpoint target : listener.targets()) {
                cfg.append("    server t").append(++i).append(' ').append(target).append(" check\n");
            }
        }
        return cfg.toString();
    }
}
