package io.plk.orchestrator.aws;

import static io.plk.orchestrator.aws.Change.Action.DELETE;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
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

/**
 * What destroy deletes: every resource with the cluster's name and ownership id (those inside the
 * VPC also by the VPC's id), found once and listed before anything is deleted, then deleted in
 * dependency order: instances, endpoint service, load balancer (with its listeners), target groups,
 * route table (disassociated first: moto keeps associations of deleted subnets), subnets, internet
 * gateway, security groups, VPC, key pair. Finding nothing is fine, so it can run any number of times.
 */
public final class Teardown {
    private static final int ATTEMPTS = 40;
    private static final long PAUSE_MS = 15_000;

    private final AwsClients aws;
    private final Ec2Client ec2;
    private final ElasticLoadBalancingV2Client elb;
    private final Tags own;
    private final Consumer<String> out;
    private final List<Change> changes = new ArrayList<>();
    private final List<Vpc> vpcs;
    private final List<Instance> instances;
    private final List<ServiceConfiguration> services;
    private final List<LoadBalancer.Tagged> loadBalancers;
    private final List<LoadBalancer.Tagged> targetGroups;
    private final List<RouteTable> routeTables;
    private final List<Subnet> subnets;
    private final List<InternetGateway> gateways;
    private final List<SecurityGroup> groups;
    private final List<KeyPairInfo> keyPairs;

    Teardown(AwsClients aws, Tags own, Consumer<String> out) {
        this.aws = aws;
        this.ec2 = aws.ec2();
        this.elb = aws.elb();
        this.own = own;
        this.out = out;
        vpcs = call("VPCs", () -> ec2.describeVpcs(r -> r.filters(own.own())).vpcs());
        List<String> vpcIds = vpcs.stream().map(Vpc::vpcId).toList();
        boolean anyVpc = !vpcIds.isEmpty();
        instances = !anyVpc ? List.of() : call("instances", () -> vpcIds.stream()
                .flatMap(id -> Instances.live(ec2, own, id).stream()).toList());
        services = call("endpoint services", () -> EndpointService.find(ec2, own));
        List<LoadBalancer.Tagged> balancing = call("load balancers", () -> LoadBalancer.taggedResources(elb)).stream()
                .filter(t -> own.owns(t.tags()) && vpcIds.contains(t.vpcId())).toList();
        loadBalancers = balancing.stream().filter(t -> t.resource().type().equals(LoadBalancer.ROLE)).toList();
        targetGroups = balancing.stream().filter(t -> t.resource().type().equals(LoadBalancer.TARGET_GROUP)).toList();
        routeTables = !anyVpc ? List.of() : call("route tables",
                () -> ec2.describeRouteTables(r -> r.filters(inVpcs(vpcIds))).routeTables());
        subnets = !anyVpc ? List.of() : call("subnets",
                () -> ec2.describeSubnets(r -> r.filters(inVpcs(vpcIds))).subnets());
        gateways = call("internet gateways",
                () -> ec2.describeInternetGateways(r -> r.filters(own.own())).internetGateways());
        groups = !anyVpc ? List.of() : call("security groups",
                () -> ec2.describeSecurityGroups(r -> r.filters(inVpcs(vpcIds))).securityGroups());
        keyPairs = call("key pairs", () -> ec2.describeKeyPairs(r -> r.filters(own.own())).keyPairs());
    }

    private List<Filter> inVpcs(List<String> vpcIds) {
        List<Filter> filters = new ArrayList<>(own.own());
        filters.add(Filter.builder().name("vpc-id").values(vpcIds).build());
        return filters;
    }

    /** Everything that {@link #run()} deletes, in the order it deletes them. */
    public List<AwsResource> resources() {
        List<AwsResource> all = new ArrayList<>();
        instances.forEach(i -> all.add(new AwsResource("instance", i.instanceId(), Tags.value(i.tags(), Tags.NAME))));
        services.forEach(c -> all.add(new AwsResource("endpoint-service", c.serviceId(), Tags.value(c.tags(), Tags.NAME))));
        loadBalancers.forEach(t -> all.add(t.resource()));
        targetGroups.forEach(t -> all.add(t.resource()));
        routeTables.forEach(t -> all.add(new AwsResource("route-table", t.routeTableId(), Tags.value(t.tags(), Tags.NAME))));
        subnets.forEach(n -> all.add(new AwsResource("subnet", n.subnetId(), Tags.value(n.tags(), Tags.NAME))));
        gateways.forEach(g -> all.add(new AwsResource("internet-gateway", g.internetGatewayId(),
                Tags.value(g.tags(), Tags.NAME))));
        groups.forEach(g -> all.add(new AwsResource("security-group", g.groupId(), Tags.value(g.tags(), Tags.NAME))));
        vpcs.forEach(v -> all.add(new AwsResource("vpc", v.vpcId(), Tags.value(v.tags(), Tags.NAME))));
        keyPairs.forEach(k -> all.add(new AwsResource("key-pair", k.keyPairId(), k.keyName())));
        return all;
    }

    /** Deletes what {@link #resources()} lists; returns the deletions made. */
    public List<Change> run() {
        if (!instances.isEmpty()) {
            List<String> ids = instances.stream().map(Instance::instanceId).toList();
            delete("instance", names(instances), () -> {
                ec2.terminateInstances(r -> r.instanceIds(ids));
                ec2.waiter().waitUntilInstanceTerminated(r -> r.instanceIds(ids));
            });
        }
        for (ServiceConfiguration c : services) {
            delete("endpoint-service", c.serviceName(), () -> ec2.deleteVpcEndpointServiceConfigurations(
                    r -> r.serviceIds(c.serviceId())).unsuccessful().forEach(u -> {
                        // e.g. endpoints still connected: delete the private link connection in TiDB Cloud first
                        throw Ec2Exception.builder().message(u.error().code() + ": " + u.error().message())
                                .awsErrorDetails(software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder()
                                        .errorCode(u.error().code()).errorMessage(u.error().message()).build())
                                .build();
                    }));
        }
        List<String> lbArns = loadBalancers.stream().map(t -> t.resource().id()).toList();
        for (String arn : lbArns) {
            delete("load-balancer", arn, () -> elb.deleteLoadBalancer(r -> r.loadBalancerArn(arn)));
        }
        if (!lbArns.isEmpty()) {
            call("load balancers", () -> elb.waiter().waitUntilLoadBalancersDeleted(r -> r.loadBalancerArns(lbArns)));
        }
        for (LoadBalancer.Tagged g : targetGroups) {
            delete("target-group", g.resource().toString(),
                    () -> elb.deleteTargetGroup(r -> r.targetGroupArn(g.resource().id())));
        }
        for (RouteTable t : routeTables) {
            for (RouteTableAssociation a : t.associations()) {
                if (!Boolean.TRUE.equals(a.main())) {
                    delete("route-table-association", a.routeTableAssociationId(),
                            () -> ec2.disassociateRouteTable(r -> r.associationId(a.routeTableAssociationId())));
                }
            }
            delete("route-table", t.routeTableId(), () -> ec2.deleteRouteTable(r -> r.routeTableId(t.routeTableId())));
        }
        for (Subnet subnet : subnets) {
            delete("subnet", name(subnet.tags(), subnet.subnetId()), () -> ec2.deleteSubnet(r -> r.subnetId(subnet.subnetId())));
        }
        for (InternetGateway g : gateways) {
            delete("internet-gateway", name(g.tags(), g.internetGatewayId()), () -> {
                g.attachments().forEach(a -> ec2.detachInternetGateway(r -> r.internetGatewayId(g.internetGatewayId()).vpcId(a.vpcId())));
                ec2.deleteInternetGateway(r -> r.internetGatewayId(g.internetGatewayId()));
            });
        }
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
        for (Vpc vpc : vpcs) {
            delete("vpc", name(vpc.tags(), vpc.vpcId()), () -> ec2.deleteVpc(r -> r.vpcId(vpc.vpcId())));
        }
        for (KeyPairInfo k : keyPairs) {
            delete("key-pair", k.keyName(), () -> ec2.deleteKeyPair(r -> r.keyName(k.keyName())));
        }
        return List.copyOf(changes);
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
            throw new AwsOperationException(what + " of " + own.cluster(), aws.calls().lastOperation(), e);
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
