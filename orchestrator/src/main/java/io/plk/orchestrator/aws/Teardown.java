package io.plk.orchestrator.aws;

import static io.plk.orchestrator.aws.Change.Action.DELETE;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InternetGateway;
import software.amazon.awssdk.services.ec2.model.KeyPairInfo;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.RouteTableAssociation;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.ServiceConfiguration;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * Deletes everything tagged with the cluster, in dependency order: instances, endpoint service,
 * load balancer (with its listeners), target groups, route table (disassociated first: moto keeps
 * associations of deleted subnets), subnets, internet gateway, security groups, VPC, key pair.
 * Finding nothing is fine, so it can run any number of times.
 */
final class Teardown {
    private static final int ATTEMPTS = 40;
    private static final long PAUSE_MS = 15_000;

    private final AwsClients aws;
    private final Ec2Client ec2;
    private final ElasticLoadBalancingV2Client elb;
    private final String cluster;
    private final Consumer<String> out;
    private final List<Change> changes = new ArrayList<>();

    Teardown(AwsClients aws, String cluster, Consumer<String> out) {
        this.aws = aws;
        this.ec2 = aws.ec2();
        this.elb = aws.elb();
        this.cluster = cluster;
        this.out = out;
    }

    List<Change> run() {
        List<Instance> instances = call("instances", () -> Instances.live(ec2, cluster));
        if (!instances.isEmpty()) {
            List<String> ids = instances.stream().map(Instance::instanceId).toList();
            delete("instance", names(instances), () -> {
                ec2.terminateInstances(r -> r.instanceIds(ids));
                ec2.waiter().waitUntilInstanceTerminated(r -> r.instanceIds(ids));
            });
        }
        for (ServiceConfiguration c : call("endpoint services", () -> EndpointService.find(ec2, cluster))) {
            delete("endpoint-service", c.serviceName(), () -> ec2.deleteVpcEndpointServiceConfigurations(
                    r -> r.serviceIds(c.serviceId())).unsuccessful().forEach(u -> {
                        // e.g. endpoints still connected: delete the private link connection in TiDB Cloud first
                        throw Ec2Exception.builder().message(u.error().code() + ": " + u.error().message())
                                .awsErrorDetails(software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder()
                                        .errorCode(u.error().code()).errorMessage(u.error().message()).build())
                                .build();
                    }));
        }
        List<String> lbArns = call("load balancers", this::ownLoadBalancers);
        for (String arn : lbArns) {
            delete("load-balancer", arn, () -> elb.deleteLoadBalancer(r -> r.loadBalancerArn(arn)));
        }
        if (!lbArns.isEmpty()) {
            call("load balancers", () -> elb.waiter().waitUntilLoadBalancersDeleted(r -> r.loadBalancerArns(lbArns)));
        }
        for (TargetGroup g : call("target groups", this::ownTargetGroups)) {
            delete("target-group", g.targetGroupName(), () -> elb.deleteTargetGroup(r -> r.targetGroupArn(g.targetGroupArn())));
        }
        for (RouteTable t : call("route tables", () -> ec2.describeRouteTables(r -> r.filters(Tags.filter(Tags.CLUSTER, cluster))).routeTables())) {
            for (RouteTableAssociation a : t.associations()) {
                if (!Boolean.TRUE.equals(a.main())) {
                    delete("route-table-association", a.routeTableAssociationId(),
                            () -> ec2.disassociateRouteTable(r -> r.associationId(a.routeTableAssociationId())));
                }
            }
            delete("route-table", t.routeTableId(), () -> ec2.deleteRouteTable(r -> r.routeTableId(t.routeTableId())));
        }
        for (Subnet subnet : call("subnets", () -> ec2.describeSubnets(r -> r.filters(Tags.filter(Tags.CLUSTER, cluster))).subnets())) {
            delete("subnet", name(subnet.tags(), subnet.subnetId()), () -> ec2.deleteSubnet(r -> r.subnetId(subnet.subnetId())));
        }
        for (InternetGateway g : call("internet gateways", () -> ec2.describeInternetGateways(r -> r.filters(Tags.filter(Tags.CLUSTER, cluster))).internetGateways())) {
            delete("internet-gateway", name(g.tags(), g.internetGatewayId()), () -> {
                g.attachments().forEach(a -> ec2.detachInternetGateway(r -> r.internetGatewayId(g.internetGatewayId()).vpcId(a.vpcId())));
                ec2.deleteInternetGateway(r -> r.internetGatewayId(g.internetGatewayId()));
            });
        }
        List<SecurityGroup> groups = call("security groups", () -> ec2.describeSecurityGroups(r -> r.filters(Tags.filter(Tags.CLUSTER, cluster))).securityGroups());
        // the bastion's and the brokers' groups refer to each other: AWS refuses to delete a referenced group
        for (SecurityGroup g : groups) {
            List<SgRule> references = SgRule.of(true, g.ipPermissions()).stream().filter(SgRule::peerIsGroup).toList();
            if (!references.isEmpty()) {
                delete("security-group-rules", g.groupName() + " " + references, () -> ec2.revokeSecurityGroupIngress(
                        r -> r.groupId(g.groupId()).ipPermissions(references.stream().map(SgRule::permission).toList())));
            }
        }
        for (SecurityGroup g : groups) {
            delete("security-group", g.groupName(), () -> ec2.deleteSecurityGroup(r -> r.groupId(g.groupId())));
        }
        for (Vpc vpc : call("VPCs", () -> ec2.describeVpcs(r -> r.filters(Tags.filter(Tags.CLUSTER, cluster))).vpcs())) {
            delete("vpc", name(vpc.tags(), vpc.vpcId()), () -> ec2.deleteVpc(r -> r.vpcId(vpc.vpcId())));
        }
        for (KeyPairInfo k : call("key pairs", () -> ec2.describeKeyPairs(r -> r.filters(Tags.filter(Tags.CLUSTER, cluster))).keyPairs())) {
            delete("key-pair", k.keyName(), () -> ec2.deleteKeyPair(r -> r.keyName(k.keyName())));
        }
        return List.copyOf(changes);
    }

    private List<String> ownLoadBalancers() {
        List<String> arns = new ArrayList<>();
        elb.describeLoadBalancersPaginator(r -> { }).loadBalancers().forEach(lb -> arns.add(lb.loadBalancerArn()));
        Map<String, Map<String, String>> tags = LoadBalancer.tags(elb, arns);
        return arns.stream().filter(a -> cluster.equals(tags.getOrDefault(a, Map.of()).get(Tags.CLUSTER))).toList();
    }

    private List<TargetGroup> ownTargetGroups() {
        List<TargetGroup> all = new ArrayList<>();
        elb.describeTargetGroupsPaginator(r -> { }).targetGroups().forEach(all::add);
        Map<String, Map<String, String>> tags = LoadBalancer.tags(elb, all.stream().map(TargetGroup::targetGroupArn).toList());
        return all.stream().filter(g -> cluster.equals(tags.getOrDefault(g.targetGroupArn(), Map.of()).get(Tags.CLUSTER))).toList();
    }

    private static String names(List<Instance> instances) {
        return String.join(", ", instances.stream().map(i -> name(i.tags(), i.instanceId())).toList());
    }

    private static String name(List<software.amazon.awssdk.services.ec2.model.Tag> tags, String id) {
        String name = Tags.value(tags, Tags.NAME);
        return name == null ? id : name + " (" + id + ")";
    }

    private <T> T call(String what, java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (SdkException e) {
            throw new AwsOperationException(what + " of " + cluster, aws.calls().lastOperation(), e);
        }
    }

    /** Deletes, waiting out the dependency errors AWS gives while instances and load balancers wind down. */
    private void delete(String kind, String name, Runnable action) {
        Change change = new Change(DELETE, kind, name, "");
        out.accept(change.toString());
        for (int attempt = 1; ; attempt++) {
            try {
                action.run();
                changes.add(change);
                return;
            } catch (Ec2Exception | ElasticLoadBalancingV2Exception e) {
                String code = e.awsErrorDetails().errorCode();
                boolean transient_ = "DependencyViolation".equals(code) || "ResourceInUse".equals(code);
                if (!transient_ || attempt == ATTEMPTS) {
                    throw new AwsOperationException(kind + " " + name, aws.calls().lastOperation(), e);
                }
                out.accept("  " + kind + " " + name + " is still in use (" + code + "), retrying in "
                        + PAUSE_MS / 1000 + "s");
                try {
                    Thread.sleep(PAUSE_MS);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new AwsOperationException(kind + " " + name, aws.calls().lastOperation(), e);
                }
            } catch (SdkException e) {
                throw new AwsOperationException(kind + " " + name, aws.calls().lastOperation(), e);
            }
        }
    }
}
