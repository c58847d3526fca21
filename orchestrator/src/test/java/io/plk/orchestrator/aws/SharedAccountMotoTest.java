package io.plk.orchestrator.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;

/** Two teams in one account and region, both with a cluster named demo (issue 10 §1), against moto. */
class SharedAccountMotoTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    @TempDir
    Path dir;

    private AwsClients aws;
    private AwsTopology teamA;

    @BeforeEach
    void setUp() {
        AwsSpec spec = Fixtures.spec(MOTO.endpoint());
        aws = MOTO.clients(spec);
        teamA = Fixtures.topology(spec, dir.resolve("a/key.pem"));
    }

    @AfterEach
    void tearDown() {
        aws.close();
    }

    /** Team B: same cluster name, its own VPC CIDR, load balancer name and key pair, no ownership id yet. */
    private AwsTopology teamB(String loadBalancerName) {
        AwsSpec a = teamA.spec();
        Map<String, String> subnets = new LinkedHashMap<>();
        subnets.put("usw2-az1", "10.1.0.0/18");
        subnets.put("usw2-az2", "10.1.64.0/18");
        subnets.put("usw2-az3", "10.1.128.0/18");
        AwsSpec b = new AwsSpec(a.region(), a.endpoint(), "10.1.0.0/16", subnets, "usw2-az1", "10.1.192.0/18",
                a.sshFrom(), "team-b-key", null, a.bastionInstanceType(), a.brokerInstanceType(), loadBalancerName,
                a.loadBalancerAllowFrom(), false, a.allowedPrincipals(), true, null);
        return new AwsTopology("demo", b, dir.resolve("b/key.pem"), 9092, teamA.brokers(), 18765);
    }

    @Test
    void aSecondClusterOfTheSameNameBuildsItsOwnAndDestroyingItLeavesTheFirstWhole() {
        new AwsProvisioner(aws, line -> { }).apply(teamA, Fixtures::noNewOwnerId);
        Set<String> ofA = ownedBy(Fixtures.OWNER);
        // VPC, 4 subnets, gateway, route table, 3 groups, key pair, 4 instances, NLB, 4 target groups, endpoint service
        assertEquals(21, ofA.size(), ofA.toString());

        List<String> recorded = new ArrayList<>();
        ApplyResult b = new AwsProvisioner(aws, line -> { }).apply(teamB("team-b-lb"), recorded::add);
        assertEquals(1, recorded.size());
        String ownerB = recorded.get(0);
        assertNotEquals(Fixtures.OWNER, ownerB);
        assertEquals(ownerB, b.outputs().ownerId());
        assertTrue(b.changes().contains(new Change(Change.Action.CREATE, "vpc", "demo-vpc", "10.1.0.0/16")),
                b.changes().toString());
        assertEquals(ofA, ownedBy(Fixtures.OWNER), "team A's resources after team B's apply");
        assertEquals(ofA.size(), ownedBy(ownerB).size(), "team B built a whole cluster of its own");

        AwsSpec specB = teamB("team-b-lb").spec().withOwnerId(ownerB);
        Teardown teardown = new AwsProvisioner(aws, line -> { }).teardown("demo", specB);
        Set<String> listed = new TreeSet<>(teardown.resources().stream().map(AwsResource::id).toList());
        assertEquals(ownedBy(ownerB), listed, "destroy lists exactly team B's resources");
        teardown.run();
        assertEquals(Set.of(), ownedBy(ownerB));
        assertEquals(ofA, ownedBy(Fixtures.OWNER), "team A's resources after team B's destroy");
        assertEquals(4, aws.ec2().describeInstances(r -> r.filters(Filter.builder().name("instance-state-name")
                .values("running").build())).reservations().stream().mapToInt(res -> res.instances().size()).sum());
    }

    @Test
    void aLoadBalancerNameTakenByAnotherTeamStopsTheFirstApplyBeforeAnyChange() {
        new AwsProvisioner(aws, line -> { }).apply(teamA, Fixtures::noNewOwnerId);
        aws.calls().reset();
        List<String> recorded = new ArrayList<>();
        AwsProblemsException e = assertThrows(AwsProblemsException.class,
                () -> new AwsProvisioner(aws, line -> { }).apply(teamB("kafka-lb"), recorded::add));
        assertEquals("aws.loadBalancer.name", e.problems().get(0).field());
        String message = e.problems().get(0).message();
        assertTrue(message.contains("plk:owner=" + Fixtures.OWNER) && message.contains("choose another name"), message);
        assertEquals(List.of(), recorded, "no ownership id is recorded for a refused apply");
        assertEquals(0, aws.calls().mutating(), aws.calls().mutatingByOperation().toString());
    }

    @Test
    void aResourceWithTheClusterNameButNoOwnershipIdIsNeverAdoptedNorDeleted() {
        String legacy = aws.ec2().createVpc(r -> r.cidrBlock("10.0.0.0/16").tagSpecifications(t -> t
                .resourceType(ResourceType.VPC).tags(Tag.builder().key(Tags.CLUSTER).value("demo").build(),
                        Tag.builder().key(Tags.NAME).value("demo-vpc").build()))).vpc().vpcId();
        aws.calls().reset();
        AwsProblemsException applied = assertThrows(AwsProblemsException.class,
                () -> new AwsProvisioner(aws, line -> { }).apply(teamA, Fixtures::noNewOwnerId));
        assertEquals("cluster.name", applied.problems().get(0).field());
        String message = applied.problems().get(0).message();
        assertTrue(message.contains("vpc " + legacy + " (Name demo-vpc)") && message.contains(Fixtures.OWNER), message);
        assertEquals(0, aws.calls().mutating(), aws.calls().mutatingByOperation().toString());

        AwsProblemsException destroyed = assertThrows(AwsProblemsException.class,
                () -> new AwsProvisioner(aws, line -> { }).teardown("demo", teamA.spec()));
        assertTrue(destroyed.getMessage().contains(legacy), destroyed.getMessage());
        assertEquals(0, aws.calls().mutating());
        assertEquals(1, aws.ec2().describeVpcs(r -> r.vpcIds(legacy)).vpcs().size());
    }

    /**
     * Ids of every EC2 and ELB resource tagged with the ownership id, read without the code under
     * test, type by type (moto's DescribeTags still lists the tags of deleted resources).
     */
    private Set<String> ownedBy(String ownerId) {
        Set<String> ids = new TreeSet<>();
        Filter owner = Filter.builder().name("tag:" + Tags.OWNER).values(ownerId).build();
        var ec2 = aws.ec2();
        ec2.describeVpcs(r -> r.filters(owner)).vpcs().forEach(v -> ids.add(v.vpcId()));
        ec2.describeSubnets(r -> r.filters(owner)).subnets().forEach(n -> ids.add(n.subnetId()));
        ec2.describeInternetGateways(r -> r.filters(owner)).internetGateways().forEach(g -> ids.add(g.internetGatewayId()));
        ec2.describeRouteTables(r -> r.filters(owner)).routeTables().forEach(t -> ids.add(t.routeTableId()));
        ec2.describeSecurityGroups(r -> r.filters(owner)).securityGroups().forEach(g -> ids.add(g.groupId()));
        ec2.describeKeyPairs(r -> r.filters(owner)).keyPairs().forEach(k -> ids.add(k.keyPairId()));
        ec2.describeInstances(r -> r.filters(owner, Filter.builder().name("instance-state-name")
                .values(Instances.LIVE_STATES).build())).reservations()
                .forEach(res -> res.instances().forEach(i -> ids.add(i.instanceId())));
        // moto ignores this call's filters
        ec2.describeVpcEndpointServiceConfigurations().serviceConfigurations().stream()
                .filter(c -> ownerId.equals(Tags.value(c.tags(), Tags.OWNER))).forEach(c -> ids.add(c.serviceId()));
        List<String> arns = new ArrayList<>();
        aws.elb().describeLoadBalancers(r -> { }).loadBalancers().forEach(lb -> arns.add(lb.loadBalancerArn()));
        aws.elb().describeTargetGroups(r -> { }).targetGroups().forEach(g -> arns.add(g.targetGroupArn()));
        if (!arns.isEmpty()) {
            aws.elb().describeTags(r -> r.resourceArns(arns)).tagDescriptions().forEach(d -> {
                if (d.tags().stream().anyMatch(t -> t.key().equals(Tags.OWNER) && t.value().equals(ownerId))) {
                    ids.add(d.resourceArn());
                }
            });
        }
        return ids;
    }
}
