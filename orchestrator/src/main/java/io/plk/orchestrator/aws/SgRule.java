package io.plk.orchestrator.aws;

import java.util.LinkedHashSet;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.IpPermission;

/**
 * One security group rule: TCP (or {@code -1}, all protocols) on a port range, to or from a CIDR or
 * another security group.
 *
 * @param peer a CIDR, or a security group id starting with {@code sg-}
 */
record SgRule(boolean ingress, String protocol, int fromPort, int toPort, String peer) {
    static SgRule tcpIn(int port, String peer) {
        return new SgRule(true, "tcp", port, port, peer);
    }

    static SgRule tcpOut(int from, int to, String peer) {
        return new SgRule(false, "tcp", from, to, peer);
    }

    boolean peerIsGroup() {
        return peer.startsWith("sg-");
    }

    /** Flattens AWS permissions (several ranges and groups each) into single rules. */
    static Set<SgRule> of(boolean ingress, Iterable<IpPermission> permissions) {
        Set<SgRule> rules = new LinkedHashSet<>();
        for (IpPermission p : permissions) {
            int from = p.fromPort() == null ? -1 : p.fromPort();
            int to = p.toPort() == null ? -1 : p.toPort();
            p.ipRanges().forEach(r -> rules.add(new SgRule(ingress, p.ipProtocol(), from, to, r.cidrIp())));
            p.userIdGroupPairs().forEach(g -> rules.add(new SgRule(ingress, p.ipProtocol(), from, to, g.groupId())));
        }
        return rules;
    }

    IpPermission permission() {
        IpPermission.Builder b = IpPermission.builder().ipProtocol(protocol);
        if (!"-1".equals(protocol)) {
            b.fromPort(fromPort).toPort(toPort);
        }
        if (peerIsGroup()) {
            b.userIdGroupPairs(g -> g.groupId(peer));
        } else {
            b.ipRanges(r -> r.cidrIp(peer));
        }
        return b.build();
    }

    @Override
    public String toString() {
        String ports = "-1".equals(protocol) ? "all traffic" : protocol + " "
                + (fromPort == toPort ? String.valueOf(fromPort) : fromPort + "-" + toPort);
        return (ingress ? "ingress " : "egress ") + ports + (ingress ? " from " : " to ") + peer;
    }
}
