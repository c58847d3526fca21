package io.plk.lab;

import java.util.List;

/**
 * The lab's stand-in for the cloud service (TiDB Cloud) on the consumer side of the PrivateLink
 * endpoint: it shares only the edge network with the load balancer, so it reaches nothing else,
 * and it resolves the advertised broker names to the load balancer through /etc/hosts.
 */
public final class Client {
    private final LabHost host;
    private final String loadBalancerIp;
    private final String baseHosts;

    Client(LabHost host, String loadBalancerIp) {
        this.host = host;
        this.loadBalancerIp = loadBalancerIp;
        this.baseHosts = host.sh("cat /etc/hosts");
    }

    public LabHost host() {
        return host;
    }

    /**
     * Makes exactly these names resolve to the load balancer (as the private hosted zone does for
     * TiDB Cloud); names mapped earlier and not listed again stop resolving.
     */
    public void mapNames(List<String> names) {
        StringBuilder hosts = new StringBuilder(baseHosts.endsWith("\n") || baseHosts.isEmpty()
                ? baseHosts : baseHosts + "\n");
        hosts.append("# lab: advertised names -> load balancer\n");
        for (String name : names) {
            if (!name.matches("[A-Za-z0-9_.-]+")) {
                throw new IllegalArgumentException("not a host name: '" + name + "'");
            }
            hosts.append(loadBalancerIp).append(' ').append(name).append('\n');
        }
        // /etc/hosts is bind-mounted by the engine: rewrite it in place, never replace the file
        host.copyIn(hosts.toString(), "/tmp/lab-hosts", 0644);
        host.sh("cat /tmp/lab-hosts > /etc/hosts && rm /tmp/lab-hosts");
    }

    /** The address a name resolves to inside the client, or empty when it does not resolve. */
    public String resolve(String name) {
        ExecResult r = host.exec("getent", "ahostsv4", name);
        return r.ok() ? r.stdout().strip().split("\\s+")[0] : "";
    }
}
