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
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyTargetGroupAttributesResponse;
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

    /** A target group of the port plan: listener port -> members' external ports; label is its Name tag. */
    record Group(String name, String label, String target, int listenerPort, List<BrokerSlot> members) {
    }

    private final Session s;
    private final ElasticLoadBalancingV2Client elb;

    LoadBalancer(Session session) {
        this.s = session;
        this.elb = session.aws.elb();
    }

    /**
     * Target group names are unique in an account and region and at most 32 characters: they are made
     * of the ownership id, not of the cluster name that another team may use too. The Name tag keeps
     * the readable one.
     */
    static List<Group> groups(AwsTopology topology) {
        String prefix = groupPrefix(topology.spec().tags(topology.clusterName()));
        List<Group> groups = new ArrayList<>();
        String cluster = topology.clusterName() + "-";
        groups.add(new Group(prefix + BOOTSTRAP, cluster + BOOTSTRAP, BOOTSTRAP, topology.bootstrapPort(),
                topology.brokers()));
        topology.brokers().forEach(b -> groups.add(new Group(prefix + "b" + b.nodeId(), cluster + "b" + b.nodeId(),
                String.valueOf(b.nodeId()), b.advertisedPort(), List.of(b))));
        return groups;
    }

    private static String groupPrefix(Tags tags) {
        return "plk-" + tags.ownerId() + "-";
    }

    /** A load balancer with the cluster's load balancer name that is not the cluster's own. */
    static java.util.Optional<AwsProblem> foreignNamed(ElasticLoadBalancingV2Client elb, String name, Tags own) {
        List<software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer> found;
        try {
            found = elb.describeLoadBalancers(r -> r.names(name)).loadBalancers();
        } catch (LoadBalancerNotFoundException e) {
            return java.util.Optional.empty();
        }
        if (found.isEmpty()) {
            return java.util.Optional.empty();
        }
        String arn = found.get(0).loadBalancerArn();
        Map<String, String> tags = tags(elb, List.of(arn)).getOrDefault(arn, Map.of());
        if (own.owns(tags)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new AwsProblem("aws.loadBalancer.name", "a load balancer named " + name + " ("
                + arn + ") already exists with " + Tags.CLUSTER + "=" + tags.getOrDefault(Tags.CLUSTER, "(none)")
                + " and " + Tags.OWNER + "=" + tags.getOrDefault(Tags.OWNER, "(none)") + "; this cluster is "
                + own.cluster() + " with ownership id " + own.ownerId() + ". It is left alone: choose another name"));
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
                            .tags(s.tags().elb(ROLE, name, Map.of()))).loadBalancers().get(0));
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
        Map<String, TargetGroup> existing = net.vpcId() == null ? new LinkedHashMap<>()
                : s.call("target groups of " + s.cluster(), () -> ownTargetGroups(net.vpcId()));
        Map<String, String> groupArns = new LinkedHashMap<>();
        for (Group group : groups(s.topology)) {
            TargetGroup found = existing.remove(group.name());
            String groupArn;
            if (found == null) {
                groupArn = createGroup(net.vpcId(), group);
            } else {
                groupArn = found.targetGroupArn();
                ensureHealth(found);
            }
            groupArns.put(group.name(), groupArn);
            ensureTargets(group, groupArn, hosts);
        }
        ensureListeners(name, arn, groupArns);
        existing.values().forEach(extra -> s.change(new Change(DELETE, "target-group", extra.targetGroupName(),
                "no longer in the port plan"), () -> elb.deleteTargetGroup(r -> r.targetGroupArn(extra.targetGroupArn()))));
        return new Lb(arn, dns);
    }

    private software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer find(String name) {
        foreignNamed(elb, name, s.tags()).ifPresent(problem -> {
            throw new AwsProblemsException(List.of(problem));
        });
        try {
            return elb.describeLoadBalancers(r -> r.names(name)).loadBalancers().stream().findFirst().orElse(null);
        } catch (LoadBalancerNotFoundException e) {
            return null;
        }
    }

    /** A load balancer or a target group of the account and region, with its VPC and its tags. */
    record Tagged(AwsResource resource, String vpcId, Map<String, String> tags) {
    }

    /** Every load balancer and target group of the account and region (ELBv2 has no tag filters). */
    static List<Tagged> taggedResources(ElasticLoadBalancingV2Client elb) {
        List<Tagged> found = new ArrayList<>();
        elb.describeLoadBalancersPaginator(r -> { }).loadBalancers().forEach(lb -> found.add(
                new Tagged(new AwsResource(ROLE, lb.loadBalancerArn(), null), lb.vpcId(), Map.of())));
        elb.describeTargetGroupsPaginator(r -> { }).targetGroups().forEach(g -> found.add(
                new Tagged(new AwsResource(TARGET_GROUP, g.targetGroupArn(), null), g.vpcId(), Map.of())));
        Map<String, Map<String, String>> tags = tags(elb, found.stream().map(t -> t.resource().id()).toList());
        return found.stream().map(t -> {
            Map<String, String> own = tags.getOrDefault(t.resource().id(), Map.of());
            return new Tagged(new AwsResource(t.resource().type(), t.resource().id(), own.get(Tags.NAME)), t.vpcId(), own);
        }).toList();
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

    /** This cluster's target groups in its VPC by name: those named with its ownership id and tagged with it. */
    private Map<String, TargetGroup> ownTargetGroups(String vpcId) {
        Map<String, TargetGroup> own = new LinkedHashMap<>();
        ownTargetGroups(elb, s.tags(), vpcId).forEach(g -> own.put(g.targetGroupName(), g));
        return own;
    }

    static List<TargetGroup> ownTargetGroups(ElasticLoadBalancingV2Client elb, Tags own, String vpcId) {
        List<TargetGroup> named = new ArrayList<>();
        elb.describeTargetGroupsPaginator(r -> { }).targetGroups().forEach(g -> {
            if (g.targetGroupName().startsWith(groupPrefix(own)) && g.vpcId().equals(vpcId)) {
                named.add(g);
            }
        });
        Map<String, Map<String, String>> tags = tags(elb, named.stream().map(TargetGroup::targetGroupArn).toList());
        return named.stream().filter(g -> own.owns(tags.getOrDefault(g.targetGroupArn(), Map.of()))).toList();
    }

    private String createGroup(String vpcId, Group group) {
        int port = group.members().get(0).externalPort();
        String created = s.change(new Change(CREATE, "target-group", group.name(), "TCP " + port
                        + ", TCP health check every " + TargetGroupHealth.INTERVAL_SECONDS + " s, "
                        + TargetGroupHealth.DEREGISTRATION_DELAY + "=" + TargetGroupHealth.DEREGISTRATION_DELAY_SECONDS),
                () -> elb.createTargetGroup(r -> TargetGroupHealth.healthCheck(r.name(group.name())
                        .protocol(ProtocolEnum.TCP).port(port).vpcId(vpcId).targetType(TargetTypeEnum.INSTANCE)
                        .tags(s.tags().elb(TARGET_GROUP, group.label(), Map.of(Tags.NODE, group.target())))))
                        .targetGroups().get(0).targetGroupArn());
        if (created != null) {
            s.call("target group " + group.name(), () -> setDeregistrationDelay(created));
        }
        return created;
    }

    /** A group of this cluster whose health check or deregistration delay was changed out of band. */
    private void ensureHealth(TargetGroup group) {
        String arn = group.targetGroupArn();
        List<String> healthCheck = TargetGroupHealth.drift(group);
        if (!healthCheck.isEmpty()) {
            s.change(new Change(UPDATE, "target-group", group.targetGroupName(), "health check "
                            + String.join(", ", healthCheck)),
                    () -> elb.modifyTargetGroup(r -> TargetGroupHealth.healthCheck(r.targetGroupArn(arn))));
        }
        Map<String, String> attributes = new HashMap<>();
        s.call("target group " + group.targetGroupName(), () -> elb.describeTargetGroupAttributes(r -> r
                .targetGroupArn(arn)).attributes()).forEach(a -> attributes.put(a.key(), a.value()));
        List<String> delay = TargetGroupHealth.drift(attributes);
        if (!delay.isEmpty()) {
            s.change(new Change(UPDATE, "target-group", group.targetGroupName(), String.join(", ", delay)),
                    () -> setDeregistrationDelay(arn));
        }
    }

    private ModifyTargetGroupAttributesResponse setDeregistrationDelay(String groupArn) {
        return elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(groupArn).attributes(a -> a
                .key(TargetGroupHealth.DEREGISTRATION_DELAY)
                .value(String.valueOf(TargetGroupHealth.DEREGISTRATION_DELAY_SECONDS))));
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
