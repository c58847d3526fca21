package io.plk.orchestrator.aws;

import static io.plk.orchestrator.aws.Change.Action.CREATE;
import static io.plk.orchestrator.aws.Change.Action.DELETE;
import static io.plk.orchestrator.aws.Change.Action.UPDATE;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.InternetGateway;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.RouteTableAssociation;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Vpc;

/**
 * Runbook Step 1.1-1.3: the VPC, one private subnet per broker AZ ID, the public bastion subnet,
 * its internet gateway and the route table that sends 0.0.0.0/0 to it (bastion subnet only).
 */
final class Network {
    static final String VPC = "vpc";
    static final String BROKER_SUBNET = "broker-subnet";
    static final String BASTION_SUBNET = "bastion-subnet";
    static final String GATEWAY = "internet-gateway";
    static final String ROUTE_TABLE = "public-route-table";

    /** Ids found or created; null for what a dry run would create. */
    record Ids(String vpcId, Map<String, String> brokerSubnetIds, String bastionSubnetId) {
    }

    private final Session s;
    private final Ec2Client ec2;

    Network(Session session) {
        this.s = session;
        this.ec2 = session.aws.ec2();
    }

    Ids ensure() {
        s.zoneNames().forEach((id, name) -> {
            if (s.spec().brokerSubnets().containsKey(id) || id.equals(s.spec().bastionAzId())) {
                s.say("AZ ID " + id + " is " + name + " in this account");
            }
        });
        String vpcId = ensureVpc();
        Map<String, String> brokerSubnets = new LinkedHashMap<>();
        s.spec().brokerSubnets().forEach((azId, cidr) -> brokerSubnets.put(azId,
                ensureSubnet(vpcId, BROKER_SUBNET, s.cluster() + "-broker-" + azId, azId, cidr, false,
                        "aws.brokerSubnets." + azId)));
        String bastionSubnet = ensureSubnet(vpcId, BASTION_SUBNET, s.cluster() + "-bastion", s.spec().bastionAzId(),
                s.spec().bastionCidr(), true, "aws.bastionSubnet.cidr");
        String gateway = ensureGateway(vpcId);
        ensureRouteTable(vpcId, gateway, bastionSubnet);
        return new Ids(vpcId, brokerSubnets, bastionSubnet);
    }

    private String ensureVpc() {
        String name = s.cluster() + "-vpc";
        List<Vpc> vpcs = s.call("VPC " + name,
                () -> ec2.describeVpcs(r -> r.filters(s.tags().role(VPC))).vpcs());
        if (vpcs.size() > 1) {
            throw new AwsOperationException("VPC " + name, "DescribeVpcs",
                    new IllegalStateException(vpcs.size() + " VPCs carry the tags of cluster " + s.cluster()
                            + "; delete all but one"));
        }
        if (vpcs.isEmpty()) {
            return s.change(new Change(CREATE, "vpc", name, s.spec().vpcCidr()),
                    () -> ec2.createVpc(r -> r.cidrBlock(s.spec().vpcCidr())
                            .tagSpecifications(s.tags().spec(ResourceType.VPC, VPC, name))).vpc().vpcId());
        }
        Vpc vpc = vpcs.get(0);
        if (!vpc.cidrBlock().equals(s.spec().vpcCidr())) {
            throw new AwsProblemsException(List.of(new AwsProblem("aws.vpcCidr", "the cluster's VPC " + vpc.vpcId()
                    + " has CIDR " + vpc.cidrBlock() + "; a VPC's CIDR cannot change: write " + vpc.cidrBlock()
                    + " or destroy the cluster first")));
        }
        return vpc.vpcId();
    }

    private String ensureSubnet(String vpcId, String role, String name, String azId, String cidr, boolean publicIp,
            String field) {
        Subnet subnet = vpcId == null ? null : findSubnet(vpcId, role, azId);
        String subnetId;
        if (subnet == null) {
            subnetId = s.change(new Change(CREATE, "subnet", name, cidr + " in " + azId
                            + " (" + s.zoneNames().get(azId) + "), public IP on launch " + publicIp),
                    () -> ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock(cidr).availabilityZoneId(azId)
                            .tagSpecifications(s.tags().spec(ResourceType.SUBNET, role, name, Map.of(Tags.AZ, azId))))
                            .subnet().subnetId());
        } else {
            if (!subnet.cidrBlock().equals(cidr)) {
                throw new AwsProblemsException(List.of(new AwsProblem(field, "subnet " + subnet.subnetId() + " in "
                        + azId + " has CIDR " + subnet.cidrBlock() + "; a subnet's CIDR cannot change: write "
                        + subnet.cidrBlock() + " or destroy the cluster first")));
            }
            subnetId = subnet.subnetId();
        }
        // moto and some accounts default MapPublicIpOnLaunch differently: always set it on a new subnet
        if (subnet == null || subnet.mapPublicIpOnLaunch() != publicIp) {
            s.change(new Change(UPDATE, "subnet", name, "MapPublicIpOnLaunch=" + publicIp),
                    () -> ec2.modifySubnetAttribute(r -> r.subnetId(subnetId).mapPublicIpOnLaunch(v -> v.value(publicIp))));
        }
        return subnetId;
    }

    private Subnet findSubnet(String vpcId, String role, String azId) {
        List<Filter> filters = s.tags().role(role, vpcId);
        filters.add(Tags.filter(Tags.AZ, azId));
        List<Subnet> subnets = s.call("subnet in " + azId, () -> ec2.describeSubnets(r -> r.filters(filters)).subnets());
        return subnets.isEmpty() ? null : subnets.get(0);
    }

    private String ensureGateway(String vpcId) {
        String name = s.cluster() + "-igw";
        List<InternetGateway> gateways = s.call("internet gateway " + name,
                () -> ec2.describeInternetGateways(r -> r.filters(s.tags().role(GATEWAY))).internetGateways());
        InternetGateway gateway = gateways.isEmpty() ? null : gateways.get(0);
        String gatewayId = gateway != null ? gateway.internetGatewayId()
                : s.change(new Change(CREATE, "internet-gateway", name, ""),
                        () -> ec2.createInternetGateway(r -> r.tagSpecifications(
                                s.tags().spec(ResourceType.INTERNET_GATEWAY, GATEWAY, name)))
                                .internetGateway().internetGatewayId());
        boolean attached = gateway != null && gateway.attachments().stream().anyMatch(a -> a.vpcId().equals(vpcId));
        if (!attached) {
            s.change(new Change(UPDATE, "internet-gateway", name, "attach to VPC " + s.cluster() + "-vpc"),
                    () -> ec2.attachInternetGateway(r -> r.internetGatewayId(gatewayId).vpcId(vpcId)));
        }
        return gatewayId;
    }

    private void ensureRouteTable(String vpcId, String gatewayId, String bastionSubnetId) {
        String name = s.cluster() + "-public";
        List<RouteTable> tables = vpcId == null ? List.of() : s.call("route table " + name,
                () -> ec2.describeRouteTables(r -> r.filters(s.tags().role(ROUTE_TABLE, vpcId))).routeTables());
        RouteTable table = tables.isEmpty() ? null : tables.get(0);
        String tableId = table != null ? table.routeTableId()
                : s.change(new Change(CREATE, "route-table", name, "in VPC " + s.cluster() + "-vpc"),
                        () -> ec2.createRouteTable(r -> r.vpcId(vpcId).tagSpecifications(
                                s.tags().spec(ResourceType.ROUTE_TABLE, ROUTE_TABLE, name)))
                                .routeTable().routeTableId());
        Route route = table == null ? null : table.routes().stream()
                .filter(r -> Cidr.ANYWHERE.equals(r.destinationCidrBlock())).findFirst().orElse(null);
        if (route == null) {
            s.change(new Change(UPDATE, "route-table", name, "route 0.0.0.0/0 -> " + s.cluster() + "-igw"),
                    () -> ec2.createRoute(r -> r.routeTableId(tableId).destinationCidrBlock(Cidr.ANYWHERE)
                            .gatewayId(gatewayId)));
        } else if (!gatewayId.equals(route.gatewayId())) {
            s.change(new Change(UPDATE, "route-table", name, "route 0.0.0.0/0 -> " + s.cluster() + "-igw"),
                    () -> ec2.replaceRoute(r -> r.routeTableId(tableId).destinationCidrBlock(Cidr.ANYWHERE)
                            .gatewayId(gatewayId)));
        }
        List<RouteTableAssociation> associations = table == null ? List.of() : table.associations();
        if (associations.stream().noneMatch(a -> bastionSubnetId != null && bastionSubnetId.equals(a.subnetId()))) {
            s.change(new Change(UPDATE, "route-table", name, "associate with subnet " + s.cluster() + "-bastion"),
                    () -> ec2.associateRouteTable(r -> r.routeTableId(tableId).subnetId(bastionSubnetId)));
        }
        for (RouteTableAssociation association : associations) {
            if (association.subnetId() != null && !association.subnetId().equals(bastionSubnetId)) {
                s.change(new Change(DELETE, "route-table-association", name, "subnet " + association.subnetId()
                        + " must not route to the internet"),
                        () -> ec2.disassociateRouteTable(r -> r.associationId(association.routeTableAssociationId())));
            }
        }
    }
}
