package io.plk.orchestrator.aws;

import static io.plk.orchestrator.aws.Change.Action.CREATE;
import static io.plk.orchestrator.aws.Change.Action.DELETE;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/**
 * Least-privilege security groups (the runbook opens all TCP and SSH from anywhere; we do not):
 * <ul>
 * <li>bastion: SSH from {@code sshFrom} only, the staging port (if any) from the brokers' group;
 * out: TCP into the VPC, HTTP(S) for package installs;</li>
 * <li>brokers: SSH from the bastion's group only; internal, controller and external ports from the
 * VPC CIDR (the load balancer's traffic and health checks included); out: TCP into the VPC;</li>
 * <li>load balancer: the bootstrap port and every broker port from {@code allowFrom} only; out: the
 * brokers' external ports into the VPC.</li>
 * </ul>
 * Rules found that are not wanted (e.g. the default allow-all egress) are revoked.
 */
final class SecurityGroups {
    static final String BASTION = "bastion-sg";
    static final String BROKERS = "brokers-sg";
    static final String LOAD_BALANCER = "load-balancer-sg";

    /** Group ids; null for groups a dry run would create. */
    record Ids(String bastion, String brokers, String loadBalancer) {
    }

    private final Session s;
    private final Ec2Client ec2;
    private final Map<String, SecurityGroup> found = new HashMap<>();

    SecurityGroups(Session session) {
        this.s = session;
        this.ec2 = session.aws.ec2();
    }

    Ids ensure(String vpcId) {
        String vpc = s.spec().vpcCidr();
        String bastion = ensureGroup(vpcId, BASTION, s.cluster() + "-bastion", "SSH jump host of " + s.cluster());
        String brokers = ensureGroup(vpcId, BROKERS, s.cluster() + "-brokers", "Kafka brokers of " + s.cluster());
        String lb = ensureGroup(vpcId, LOAD_BALANCER, s.cluster() + "-lb", "Kafka load balancer of " + s.cluster());

        Set<SgRule> bastionRules = new LinkedHashSet<>();
        s.spec().sshFrom().forEach(cidr -> bastionRules.add(SgRule.tcpIn(22, cidr)));
        if (s.topology.stagingPort() > 0) {
            bastionRules.add(SgRule.tcpIn(s.topology.stagingPort(), brokers == null ? s.cluster() + "-brokers" : brokers));
        }
        bastionRules.add(SgRule.tcpOut(0, 65535, vpc));
        bastionRules.add(SgRule.tcpOut(80, 80, Cidr.ANYWHERE));
        bastionRules.add(SgRule.tcpOut(443, 443, Cidr.ANYWHERE));
        ensureRules(bastion, s.cluster() + "-bastion", bastionRules);

        Set<SgRule> brokerRules = new LinkedHashSet<>();
        brokerRules.add(SgRule.tcpIn(22, bastion == null ? s.cluster() + "-bastion" : bastion));
        Set<Integer> brokerPorts = new TreeSet<>();
        s.topology.brokers().forEach(b -> {
            brokerPorts.add(b.internalPort());
            brokerPorts.add(b.controllerPort());
            brokerPorts.add(b.externalPort());
        });
        brokerPorts.forEach(port -> brokerRules.add(SgRule.tcpIn(port, vpc)));
        brokerRules.add(SgRule.tcpOut(0, 65535, vpc));
        ensureRules(brokers, s.cluster() + "-brokers", brokerRules);

        Set<SgRule> lbRules = new LinkedHashSet<>();
        Set<Integer> lbPorts = new TreeSet<>();
        lbPorts.add(s.topology.bootstrapPort());
        s.topology.brokers().forEach(b -> lbPorts.add(b.advertisedPort()));
        for (String cidr : s.spec().loadBalancerAllowFrom()) {
            lbPorts.forEach(port -> lbRules.add(SgRule.tcpIn(port, cidr)));
        }
        new TreeSet<>(s.topology.brokers().stream().map(BrokerSlot::externalPort).toList())
                .forEach(port -> lbRules.add(SgRule.tcpOut(port, port, vpc)));
        ensureRules(lb, s.cluster() + "-lb", lbRules);
        return new Ids(bastion, brokers, lb);
    }

    private String ensureGroup(String vpcId, String role, String name, String description) {
        SecurityGroup group = vpcId == null ? null : find(vpcId, role);
        if (group != null) {
            found.put(group.groupId(), group);
            return group.groupId();
        }
        return s.change(new Change(CREATE, "security-group", name, description),
                () -> ec2.createSecurityGroup(r -> r.vpcId(vpcId).groupName(name).description(description)
                        .tagSpecifications(s.tags().spec(ResourceType.SECURITY_GROUP, role, name))).groupId());
    }

    private SecurityGroup find(String vpcId, String role) {
        List<Filter> filters = s.tags().role(role, vpcId);
        List<SecurityGroup> groups = s.call("security group " + role,
                () -> ec2.describeSecurityGroups(r -> r.filters(filters)).securityGroups());
        return groups.isEmpty() ? null : groups.get(0);
    }

    private void ensureRules(String groupId, String name, Set<SgRule> wanted) {
        Set<SgRule> actual = new LinkedHashSet<>();
        if (groupId != null) {
            SecurityGroup group = found.containsKey(groupId) ? found.get(groupId) : s.call("security group " + name,
                    () -> ec2.describeSecurityGroups(r -> r.groupIds(groupId)).securityGroups().get(0));
            actual.addAll(SgRule.of(true, group.ipPermissions()));
            actual.addAll(SgRule.of(false, group.ipPermissionsEgress()));
        }
        List<SgRule> revoke = actual.stream().filter(r -> !wanted.contains(r)).toList();
        List<SgRule> authorize = wanted.stream().filter(r -> !actual.contains(r)).toList();
        for (SgRule rule : revoke) {
            s.change(new Change(DELETE, "security-group-rule", name, rule.toString()), () -> rule.ingress()
                    ? ec2.revokeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(rule.permission()))
                    : ec2.revokeSecurityGroupEgress(r -> r.groupId(groupId).ipPermissions(rule.permission())));
        }
        List<SgRule> in = authorize.stream().filter(SgRule::ingress).toList();
        List<SgRule> out = authorize.stream().filter(r -> !r.ingress()).toList();
        if (!in.isEmpty()) {
            s.change(new Change(CREATE, "security-group-rules", name, describe(in)),
                    () -> ec2.authorizeSecurityGroupIngress(r -> r.groupId(groupId)
                            .ipPermissions(in.stream().map(SgRule::permission).toList())));
        }
        if (!out.isEmpty()) {
            s.change(new Change(CREATE, "security-group-rules", name, describe(out)),
                    () -> ec2.authorizeSecurityGroupEgress(r -> r.groupId(groupId)
                            .ipPermissions(out.stream().map(SgRule::permission).toList())));
        }
    }

    private static String describe(List<SgRule> rules) {
        return String.join(", ", rules.stream().map(SgRule::toString).toList());
    }
}
