package io.plk.orchestrator.aws;

import static io.plk.orchestrator.aws.Change.Action.CREATE;
import static io.plk.orchestrator.aws.Change.Action.DELETE;
import static io.plk.orchestrator.aws.Change.Action.UPDATE;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AvailabilityZone;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.IpAddressType;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TagDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * Runbook Step 2.1: the internal network load balancer across the broker subnets, a bootstrap
 * target group (bootstrap port -> every broker's external port) and one target group per broker
 * (its advertised port -> its external port), TCP health checks, one TCP listener per group. Every
 * port comes from the {@link BrokerSlot}s, the same plan the advertised listeners come from.
 * Listeners and targets that disagree with the slots (drift) are repaired.
 */
final class LoadBalancer {
    static final String ROLE = "load-balancer";
    static final String TARGET_GROUP = "target-group";
    static final String CROSS_ZONE = "load_balancing.cross_zone.enabled";
    static final String BOOTSTRAP = "bootstrap";

    /** The load balancer; null arn and DNS name for one a dry run would create. */
    record Lb(String arn, String dnsName) {
    }

    /** A target group of the port plan: listener port -> members' external ports. */
    record Group(String name, String target, int listenerPort, List<BrokerSlot> members) {
    }

    private final Session s;
    private final ElasticLoadBalancingV2Client elb;

    LoadBalancer(Session session) {
        this.s = session;
        this.elb = session.aws.elb();
    }

    static List<Group> groups(AwsTopology topology) {
        List<Group> groups = new ArrayList<>();
        groups.add(new Group(topology.clusterName() + "-" + BOOTSTRAP, BOOTSTRAP, topology.bootstrapPort(),
                topology.brokers()));
        topology.brokers().forEach(b -> groups.add(new Group(topology.clusterName() + "-b" + b.nodeId(),
                String.valueOf(b.nodeId()), b.advertisedPort(), List.of(b))));
        return groups;
    }

    Lb ensure(Network.Ids net, SecurityGroups.Ids groups, Instances.Hosts hosts) {
        String name = s.spec().loadBalancerName();
        List<String> subnets = new ArrayList<>(net.brokerSubnetIds().values());
        var lb = s.call("load balancer " + name, () -> find(name));
        String arn;
        String dns;
        if (lb == null) {
            var created = s.change(new Change(CREATE, "load-balancer", name, "internal network load balancer in "
                            + String.join(", ", s.spec().brokerSubnets().keySet())),
                    () -> elb.createLoadBalancer(r -> r.name(name).type(LoadBalancerTypeEnum.NETWORK)
                            .scheme(LoadBalancerSchemeEnum.INTERNAL).ipAddressType(IpAddressType.IPV4)
                            .subnets(subnets).securityGroups(groups.loadBalancer())
                            .tags(Tags.elb(s.cluster(), ROLE, name, Map.of()))).loadBalancers().get(0));
            arn = created == null ? null : created.loadBalancerArn();
            dns = created == null ? null : created.dnsName();
        } else {
            arn = lb.loadBalancerArn();
            dns = lb.dnsName();
            Set<String> actualSubnets = new LinkedHashSet<>(lb.availabilityZones().stream().map(AvailabilityZone::subnetId).toList());
            if (!actualSubnets.equals(new LinkedHashSet<>(subnets))) {
                s.change(new Change(UPDATE, "load-balancer", name, "subnets " + actualSubnets + " -> " + subnets),
                        () -> elb.setSubnets(r -> r.loadBalancerArn(arn).subnets(subnets)));
            }
            if (!lb.securityGroups().equals(List.of(groups.loadBalancer()))) {
                s.change(new Change(UPDATE, "load-balancer", name, "security groups " + lb.securityGroups()
                                + " -> [" + groups.loadBalancer() + "]"),
                        () -> elb.setSecurityGroups(r -> r.loadBalancerArn(arn).securityGroups(groups.loadBalancer())));
            }
        }
        String crossZone = String.valueOf(s.spec().crossZone());
        String actualCrossZone = lb == null ? null : s.call("load balancer " + name,
                () -> elb.describeLoadBalancerAttributes(r -> r.loadBalancerArn(arn)).attributes().stream()
                        .filter(a -> a.key().equals(CROSS_ZONE)).map(a -> a.value()).findFirst().orElse(null));
        if (!crossZone.equals(actualCrossZone)) {
            s.change(new Change(UPDATE, "load-balancer", name, CROSS_ZONE + "=" + crossZone),
                    () -> elb.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(arn)
                            .attributes(a -> a.key(CROSS_ZONE).value(crossZone))));
        }
        Map<String, TargetGroup> existing = s.call("target groups of " + s.cluster(), this::ownTargetGroups);
        Map<String, String> groupArns = new LinkedHashMap<>();
        for (Group group : groups(s.topology)) {
            TargetGroup found = existing.remove(group.name());
            String groupArn = found != null ? found.targetGroupArn() : createGroup(net.vpcId(), group);
            groupArns.put(group.name(), groupArn);
            ensureTargets(group, groupArn, hosts);
        }
        ensureListeners(name, arn, groupArns);
        existing.values().forEach(extra -> s.change(new Change(DELETE, "target-group", extra.targetGroupName(),
                "no longer in the port plan"), () -> elb.deleteTargetGroup(r -> r.targetGroupArn(extra.targetGroupArn()))));
        return new Lb(arn, dns);
    }

    private software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer find(String name) {
        List<software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer> found;
        try {
            found = elb.describeLoadBalancers(r -> r.names(name)).loadBalancers();
        } catch (LoadBalancerNotFoundException e) {
            return null;
        }
        if (found.isEmpty()) {
            return null;
        }
        var lb = found.get(0);
        if (!s.cluster().equals(tags(elb, List.of(lb.loadBalancerArn())).get(lb.loadBalancerArn()).get(Tags.CLUSTER))) {
            throw new AwsProblemsException(List.of(new AwsProblem("aws.loadBalancer.name", "a load balancer named "
                    + name + " already exists and does not belong to cluster " + s.cluster() + "; choose another name")));
        }
        return lb;
    }

    /** Tags by resource ARN (DescribeTags takes at most 20 ARNs). */
    static Map<String, Map<String, String>> tags(ElasticLoadBalancingV2Client elb, List<String> arns) {
        Map<String, Map<String, String>> tags = new HashMap<>();
        for (int i = 0; i < arns.size(); i += 20) {
            List<String> chunk = arns.subList(i, Math.min(arns.size(), i + 20));
            for (TagDescription d : elb.describeTags(r -> r.resourceArns(chunk)).tagDescriptions()) {
                Map<String, String> map = new HashMap<>();
                for (Tag t : d.tags()) {
                    map.put(t.key(), t.value());
                }
                tags.put(d.resourceArn(), map);
            }
        }
        return tags;
    }

    /** This cluster's target groups by name: those named {@code <cluster>-...} and tagged with the cluster. */
    private Map<String, TargetGroup> ownTargetGroups() {
        List<TargetGroup> named = new ArrayList<>();
        elb.describeTargetGroupsPaginator(r -> { }).targetGroups().forEach(g -> {
            if (g.targetGroupName().startsWith(s.cluster() + "-")) {
                named.add(g);
            }
        });
        Map<String, Map<String, String>> tags = tags(elb, named.stream().map(TargetGroup::targetGroupArn).toList());
        Map<String, TargetGroup> own = new LinkedHashMap<>();
        for (TargetGroup g : named) {
            if (s.cluster().equals(tags.getOrDefault(g.targetGroupArn(), Map.of()).get(Tags.CLUSTER))) {
                own.put(g.targetGroupName(), g);
            } else if (groups(s.topology).stream().anyMatch(w -> w.name().equals(g.targetGroupName()))) {
                throw new AwsProblemsException(List.of(new AwsProblem("cluster.name", "a target group named "
                        + g.targetGroupName() + " already exists and does not belong to cluster " + s.cluster()
                        + "; choose another cluster name")));
            }
        }
        return own;
    }

    private String createGroup(String vpcId, Group group) {
        int port = group.members().get(0).externalPort();
        return s.change(new Change(CREATE, "target-group", group.name(), "TCP " + port + ", TCP health check"),
                () -> elb.createTargetGroup(r -> r.name(group.name()).protocol(ProtocolEnum.TCP).port(port)
                        .vpcId(vpcId).targetType(TargetTypeEnum.INSTANCE).healthCheckProtocol(ProtocolEnum.TCP)
                        .healthCheckPort("traffic-port")
                        .tags(Tags.elb(s.cluster(), TARGET_GROUP, group.name(), Map.of(Tags.NODE, group.target()))))
                        .targetGroups().get(0).targetGroupArn());
    }

    private void ensureTargets(Group group, String groupArn, Instances.Hosts hosts) {
        Map<String, TargetDescription> wanted = new LinkedHashMap<>();
        for (BrokerSlot b : group.members()) {
            Instances.Host host = hosts.brokers().get(b.nodeId());
            String id = host.instanceId() == null ? host.name() : host.instanceId();
            wanted.put(id + ":" + b.externalPort(), TargetDescription.builder().id(id).port(b.externalPort()).build());
        }
        Map<String, TargetDescription> actual = new LinkedHashMap<>();
        if (groupArn != null) {
            s.call("target group " + group.name(), () -> elb.describeTargetHealth(r -> r.targetGroupArn(groupArn)))
                    .targetHealthDescriptions()
                    .forEach(d -> actual.put(d.target().id() + ":" + d.target().port(), d.target()));
        }
        List<TargetDescription> extra = actual.entrySet().stream().filter(e -> !wanted.containsKey(e.getKey()))
                .map(Map.Entry::getValue).toList();
        List<TargetDescription> missing = wanted.entrySet().stream().filter(e -> !actual.containsKey(e.getKey()))
                .map(Map.Entry::getValue).toList();
        if (!extra.isEmpty()) {
            s.change(new Change(DELETE, "targets", group.name(), describe(extra)),
                    () -> elb.deregisterTargets(r -> r.targetGroupArn(groupArn).targets(extra)));
        }
        if (!missing.isEmpty()) {
            s.change(new Change(CREATE, "targets", group.name(), describe(missing)),
                    () -> elb.registerTargets(r -> r.targetGroupArn(groupArn).targets(missing)));
        }
    }

    private static String describe(List<TargetDescription> targets) {
        return String.join(", ", targets.stream().map(t -> t.id() + ":" + t.port()).toList());
    }

    private void ensureListeners(String lbName, String lbArn, Map<String, String> groupArns) {
        Map<Integer, String> wanted = new LinkedHashMap<>();
        Map<Integer, String> groupNames = new HashMap<>();
        for (Group group : groups(s.topology)) {
            wanted.put(group.listenerPort(), groupArns.get(group.name()));
            groupNames.put(group.listenerPort(), group.name());
        }
        List<Listener> actual = lbArn == null ? List.of() : s.call("listeners of " + lbName,
                () -> elb.describeListeners(r -> r.loadBalancerArn(lbArn)).listeners());
        Set<Integer> seen = new LinkedHashSet<>();
        for (Listener l : actual) {
            String forwardsTo = l.defaultActions().isEmpty() ? null : l.defaultActions().get(0).targetGroupArn();
            boolean ok = wanted.containsKey(l.port()) && wanted.get(l.port()) != null
                    && wanted.get(l.port()).equals(forwardsTo) && l.protocol() == ProtocolEnum.TCP;
            if (!wanted.containsKey(l.port()) || !seen.add(l.port())) {
                s.change(new Change(DELETE, "listener", lbName + ":" + l.port(), "not in the port plan"),
                        () -> elb.deleteListener(r -> r.listenerArn(l.listenerArn())));
            } else if (!ok) {
                String groupArn = wanted.get(l.port());
                s.change(new Change(UPDATE, "listener", lbName + ":" + l.port(), "TCP, forward to "
                                + groupNames.get(l.port())),
                        () -> elb.modifyListener(r -> r.listenerArn(l.listenerArn()).protocol(ProtocolEnum.TCP)
                                .defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(groupArn))));
            }
        }
        wanted.forEach((port, groupArn) -> {
            if (!seen.contains(port)) {
                s.change(new Change(CREATE, "listener", lbName + ":" + port, "TCP, forward to " + groupNames.get(port)),
                        () -> elb.createListener(r -> r.loadBalancerArn(lbArn).protocol(ProtocolEnum.TCP).port(port)
                                .defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(groupArn))));
            }
        });
    }
}
