package io.plk.orchestrator.aws;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

/**
 * A broker's instance as a target of the load balancer: in its own target group and in the bootstrap group,
 * as {@link LoadBalancer#groups} made them, and how healthy the load balancer sees it there.
 */
public final class BrokerTargets {
    /** The broker's instance on its EXTERNAL port in one target group. */
    public record Target(String group, String groupArn, String instanceId, int port) {
    }

    /** What DescribeTargetHealth says about one target; reason is null when it gives none. */
    public record Health(Target target, String state, String reason) {
        public boolean healthy() {
            return TargetHealthStateEnum.HEALTHY.toString().equals(state);
        }

        @Override
        public String toString() {
            return target.group() + " " + target.instanceId() + ":" + target.port() + " " + state
                    + (reason == null ? "" : " (" + reason + ")");
        }
    }

    private final ElasticLoadBalancingV2Client elb;

    public BrokerTargets(ElasticLoadBalancingV2Client elb) {
        this.elb = elb;
    }

    /** The groups the broker is a member of, with its running instance as the target. */
    public static List<Target> of(AwsClients aws, AwsTopology topology, int nodeId) {
        Tags tags = topology.spec().tags(topology.clusterName());
        List<Filter> filters = new ArrayList<>(tags.role(Instances.BROKER));
        filters.add(Tags.filter(Tags.NODE, String.valueOf(nodeId)));
        filters.add(Filter.builder().name("instance-state-name").values("running").build());
        List<Instance> instances = new ArrayList<>();
        aws.ec2().describeInstancesPaginator(r -> r.filters(filters)).reservations()
                .forEach(res -> instances.addAll(res.instances()));
        if (instances.size() != 1) {
            throw new IllegalStateException(topology.clusterName() + " has " + instances.size()
                    + " running instances for broker " + nodeId + " (tagged " + Tags.NODE + "=" + nodeId
                    + "); run apply first");
        }
        String instanceId = instances.get(0).instanceId();
        List<Target> targets = new ArrayList<>();
        for (LoadBalancer.Group group : LoadBalancer.groups(topology)) {
            group.members().stream().filter(m -> m.nodeId() == nodeId).findFirst().ifPresent(member -> {
                String arn = aws.elb().describeTargetGroups(r -> r.names(group.name())).targetGroups().get(0)
                        .targetGroupArn();
                targets.add(new Target(group.name(), arn, instanceId, member.externalPort()));
            });
        }
        return targets;
    }

    /** Each target's health, asked of its group. */
    public List<Health> health(List<Target> targets) {
        List<Health> health = new ArrayList<>();
        for (Target t : targets) {
            List<TargetHealthDescription> found = elb.describeTargetHealth(r -> r.targetGroupArn(t.groupArn())
                    .targets(d -> d.id(t.instanceId()).port(t.port()))).targetHealthDescriptions();
            health.add(found.isEmpty() ? new Health(t, "absent", null) : new Health(t,
                    found.get(0).targetHealth().stateAsString(), found.get(0).targetHealth().reasonAsString()));
        }
        return health;
    }
}
