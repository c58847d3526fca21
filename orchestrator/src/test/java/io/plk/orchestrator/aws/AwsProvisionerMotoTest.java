package io.plk.orchestrator.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.ServiceConfiguration;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/** apply, plan, drift and destroy against a real moto_server. */
class AwsProvisionerMotoTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    @TempDir
    Path dir;

    private AwsClients aws;
    private AwsTopology topology;
    private AwsProvisioner provisioner;
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void setUp() {
        AwsSpec spec = Fixtures.spec(MOTO.endpoint());
        aws = MOTO.clients(spec);
        topology = Fixtures.topology(spec, dir.resolve("keys/kafka-vpc-key-pair.pem"));
        provisioner = new AwsProvisioner(aws, log::add);
    }

    @AfterEach
    void tearDown() {
        aws.close();
    }

    private Filter cluster() {
        return Filter.builder().name("tag:plk:cluster").values("demo").build();
    }

    /** The cluster's instances that are not terminated, found without the code under test. */
    private List<Instance> live() {
        List<Instance> instances = new ArrayList<>();
        aws.ec2().describeInstances(r -> r.filters(cluster(), Filter.builder().name("instance-state-name")
                .values(Instances.LIVE_STATES).build())).reservations().forEach(res -> instances.addAll(res.instances()));
        return instances;
    }

    @Test
    void instancesRequireImdsV2HaveEncryptedRootVolumesAndAnIdempotencyToken() {
        provisioner.apply(topology, Fixtures::noNewOwnerId);
        Ec2Client ec2 = aws.ec2();
        List<Instance> instances = live();
        assertEquals(4, instances.size());
        Set<String> tokens = new TreeSet<>();
        for (Instance i : instances) {
            String name = Tags.value(i.tags(), Tags.NAME);
            assertEquals(software.amazon.awssdk.services.ec2.model.HttpTokensState.REQUIRED,
                    i.metadataOptions().httpTokens(), name);
            assertEquals(Instances.clientToken("demo", i.subnetId(), name), i.clientToken(), name);
            tokens.add(i.clientToken());
            String image = ec2.describeImages(r -> r.imageIds(i.imageId())).images().get(0).rootDeviceName();
            assertEquals(image, i.rootDeviceName(), name);
            var volumes = ec2.describeVolumes(r -> r.filters(Filter.builder().name("attachment.instance-id")
                    .values(i.instanceId()).build())).volumes();
            assertEquals(1, volumes.size(), name + ": the mapping replaces the root volume, it adds none");
            assertTrue(volumes.get(0).encrypted(), name + " root volume " + volumes.get(0).volumeId());
        }
        assertEquals(4, tokens.size(), "one token per instance");
    }

    @Test
    void coldApplyBuildsTheRunbookShapeWithLeastPrivilege() throws Exception {
        long start = System.nanoTime();
        ApplyResult result = provisioner.apply(topology, Fixtures::noNewOwnerId);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("cold apply against moto: %s, %d ms%n", aws.calls(), millis);
        Ec2Client ec2 = aws.ec2();

        // subnets placed by AZ ID, public IP only in the bastion subnet
        Map<String, Subnet> subnets = ec2.describeSubnets(r -> r.filters(cluster())).subnets().stream()
                .collect(Collectors.toMap(s -> Tags.value(s.tags(), Tags.NAME), s -> s));
        assertEquals(Set.of("demo-broker-usw2-az1", "demo-broker-usw2-az2", "demo-broker-usw2-az3", "demo-bastion"),
                subnets.keySet());
        topology.spec().brokerSubnets().forEach((azId, cidr) -> {
            Subnet s = subnets.get("demo-broker-" + azId);
            assertEquals(azId, s.availabilityZoneId());
            assertEquals(cidr, s.cidrBlock());
            assertFalse(s.mapPublicIpOnLaunch(), s.subnetId());
        });
        Subnet bastionSubnet = subnets.get("demo-bastion");
        assertEquals("usw2-az1", bastionSubnet.availabilityZoneId());
        assertTrue(bastionSubnet.mapPublicIpOnLaunch());
        assertEquals(Map.of("usw2-az1", "us-west-2b", "usw2-az2", "us-west-2a", "usw2-az3", "us-west-2c"),
                result.outputs().availabilityZones());

        // the only route to the internet, for the bastion subnet only
        String vpcId = bastionSubnet.vpcId();
        String igw = ec2.describeInternetGateways(r -> r.filters(cluster())).internetGateways().get(0).internetGatewayId();
        RouteTable table = ec2.describeRouteTables(r -> r.filters(cluster())).routeTables().get(0);
        assertTrue(table.routes().stream().anyMatch(r -> "0.0.0.0/0".equals(r.destinationCidrBlock()) && igw.equals(r.gatewayId())));
        assertEquals(List.of(bastionSubnet.subnetId()), table.associations().stream().map(a -> a.subnetId()).toList());

        // security groups, every rule
        Map<String, SecurityGroup> groups = ec2.describeSecurityGroups(r -> r.filters(cluster())).securityGroups().stream()
                .collect(Collectors.toMap(g -> Tags.value(g.tags(), Tags.ROLE), g -> g));
        String bastionSg = groups.get(SecurityGroups.BASTION).groupId();
        String brokersSg = groups.get(SecurityGroups.BROKERS).groupId();
        assertEquals(Set.of("ingress tcp 22 from 203.0.113.7/32", "ingress tcp 18765 from " + brokersSg,
                "egress tcp 0-65535 to 10.0.0.0/16",
                "egress tcp 80 to 0.0.0.0/0", "egress tcp 443 to 0.0.0.0/0"), rules(groups.get(SecurityGroups.BASTION)));
        assertEquals(Set.of("ingress tcp 22 from " + bastionSg, "ingress tcp 9092 from 10.0.0.0/16",
                "ingress tcp 29092 from 10.0.0.0/16", "ingress tcp 39092 from 10.0.0.0/16",
                "egress tcp 0-65535 to 10.0.0.0/16"), rules(groups.get(SecurityGroups.BROKERS)));
        assertEquals(Set.of("ingress tcp 9092 from 10.100.0.0/16", "ingress tcp 9093 from 10.100.0.0/16",
                "ingress tcp 9094 from 10.100.0.0/16", "ingress tcp 9095 from 10.100.0.0/16",
                "egress tcp 39092 to 10.0.0.0/16"), rules(groups.get(SecurityGroups.LOAD_BALANCER)));
        for (SecurityGroup g : groups.values()) {
            assertTrue(rules(g).stream().noneMatch(r -> r.startsWith("ingress") && r.endsWith("0.0.0.0/0")), g.groupName());
        }

        // instances: bastion with a public IP, each broker in its AZ's subnet with the brokers' group
        Map<String, Instance> instances = live().stream()
                .collect(Collectors.toMap(i -> Tags.value(i.tags(), Tags.NAME), i -> i));
        assertEquals(Set.of("bastion-node", "broker-node1", "broker-node2", "broker-node3"), instances.keySet());
        assertEquals(bastionSubnet.subnetId(), instances.get("bastion-node").subnetId());
        assertEquals(result.outputs().bastionPublicIp(), instances.get("bastion-node").publicIpAddress());
        assertTrue(result.outputs().bastionPublicIp() != null);
        for (BrokerSlot b : topology.brokers()) {
            Instance i = instances.get("broker-node" + b.nodeId());
            assertEquals(subnets.get("demo-broker-" + b.azId()).subnetId(), i.subnetId());
            assertEquals("t2.large", i.instanceTypeAsString());
            assertEquals("running", i.state().nameAsString());
            assertEquals(List.of(groups.get(SecurityGroups.BROKERS).groupId()),
                    i.networkInterfaces().get(0).groups().stream().map(g -> g.groupId()).toList());
            assertEquals(i.privateIpAddress(), result.outputs().brokerPrivateIps().get(b.nodeId()));
            assertTrue(Cidr.parse(topology.spec().brokerSubnets().get(b.azId()))
                    .contains(Cidr.parse(i.privateIpAddress() + "/32")));
        }

        // load balancer: listener port -> target group -> instance:port, exactly the slots
        ElasticLoadBalancingV2Client elb = aws.elb();
        LoadBalancer lb = elb.describeLoadBalancers(r -> r.names("kafka-lb")).loadBalancers().get(0);
        assertEquals("internal", lb.schemeAsString());
        assertEquals("network", lb.typeAsString());
        assertEquals(Set.of(subnets.get("demo-broker-usw2-az1").subnetId(), subnets.get("demo-broker-usw2-az2").subnetId(),
                subnets.get("demo-broker-usw2-az3").subnetId()),
                lb.availabilityZones().stream().map(z -> z.subnetId()).collect(Collectors.toSet()));
        assertEquals("false", elb.describeLoadBalancerAttributes(r -> r.loadBalancerArn(lb.loadBalancerArn()))
                .attributes().stream().filter(a -> a.key().equals(io.plk.orchestrator.aws.LoadBalancer.CROSS_ZONE)).findFirst().get().value());
        assertEquals(result.outputs().loadBalancerDnsName(), lb.dnsName());
        Map<String, String> idOf = new HashMap<>();
        instances.forEach((name, i) -> idOf.put(i.instanceId(), name));
        Map<Integer, Set<String>> expected = new TreeMap<>();
        expected.put(9092, Set.of("broker-node1:39092", "broker-node2:39092", "broker-node3:39092"));
        expected.put(9093, Set.of("broker-node1:39092"));
        expected.put(9094, Set.of("broker-node2:39092"));
        expected.put(9095, Set.of("broker-node3:39092"));
        assertEquals(expected, listenerMap(lb.loadBalancerArn(), idOf));
        for (Listener l : elb.describeListeners(r -> r.loadBalancerArn(lb.loadBalancerArn())).listeners()) {
            assertEquals(ProtocolEnum.TCP, l.protocol());
            TargetGroup g = elb.describeTargetGroups(r -> r.targetGroupArns(l.defaultActions().get(0).targetGroupArn()))
                    .targetGroups().get(0);
            assertEquals(ProtocolEnum.TCP, g.protocol());
            assertEquals(ProtocolEnum.TCP, g.healthCheckProtocol());
            assertEquals(vpcId, g.vpcId());
        }

        // endpoint service: on the load balancer, acceptance required, only the allowed principal
        ServiceConfiguration service = ec2.describeVpcEndpointServiceConfigurations(r -> r.serviceIds(
                result.outputs().endpointServiceId())).serviceConfigurations().get(0);
        assertEquals(List.of(lb.loadBalancerArn()), service.networkLoadBalancerArns());
        assertTrue(service.acceptanceRequired());
        assertEquals(null, service.privateDnsName());
        assertEquals(List.of(Fixtures.PRINCIPAL), ec2.describeVpcEndpointServicePermissions(r -> r.serviceId(
                service.serviceId())).allowedPrincipals().stream().map(p -> p.principal()).toList());
        assertTrue(result.outputs().endpointServiceName().startsWith("com.amazonaws.vpce.us-west-2.vpce-svc-"));
        assertEquals("ticloud serverless private-link-connection create -c <cluster-id> --display-name demo"
                + " --type AWS_ENDPOINT_SERVICE --aws.endpoint-service-name " + service.serviceName(),
                result.outputs().nextStep());

        // key pair created, private key saved read-only for the owner
        assertTrue(Files.readString(topology.identityFile()).contains("PRIVATE KEY"));
        assertEquals("r--------", PosixFilePermissions.toString(Files.getPosixFilePermissions(topology.identityFile())));

        // outputs file next to the inventory
        Path written = OutputsFile.write(dir.resolve("demo.yaml"), result.outputs(),
                new io.plk.orchestrator.plan.ChangefeedSink(9092, "SCRAM-SHA-512", "tidb-cdc", "/home/u/pw", false, null)
                        .fields());
        assertEquals(dir.resolve("demo.yaml.outputs.yaml"), written);
        String yaml = Files.readString(written);
        assertTrue(yaml.contains("endpointServiceName: " + service.serviceName()), yaml);
        assertTrue(yaml.contains("usw2-az1: us-west-2b"), yaml);
        assertTrue(yaml.contains("changefeedSink:\n  broker_endpoints: <private link connection>:9092\n  tls_enable: false\n"
                + "  auth_type: SASL_SCRAM_SHA_512\n  user_name: tidb-cdc\n  password: the content of /home/u/pw (never"
                + " written here)\n"), yaml);
        assertTrue(log.contains("AZ ID usw2-az1 is us-west-2b in this account"), log.toString());
    }

    private static Set<String> rules(SecurityGroup g) {
        Set<String> rules = new TreeSet<>();
        SgRule.of(true, g.ipPermissions()).forEach(r -> rules.add(r.toString()));
        SgRule.of(false, g.ipPermissionsEgress()).forEach(r -> rules.add(r.toString()));
        return rules;
    }

    /** Listener port -> the {@code name:port} targets its target group forwards to. */
    private Map<Integer, Set<String>> listenerMap(String lbArn, Map<String, String> idOf) {
        Map<Integer, Set<String>> map = new TreeMap<>();
        for (Listener l : aws.elb().describeListeners(r -> r.loadBalancerArn(lbArn)).listeners()) {
            String group = l.defaultActions().get(0).targetGroupArn();
            Set<String> targets = aws.elb().describeTargetHealth(r -> r.targetGroupArn(group)).targetHealthDescriptions()
                    .stream().map(d -> idOf.getOrDefault(d.target().id(), d.target().id()) + ":" + d.target().port())
                    .collect(Collectors.toSet());
            assertTrue(map.put(l.port(), targets) == null, "two listeners on port " + l.port());
        }
        return map;
    }

    @Test
    void secondApplyMakesNoMutatingCall() {
        provisioner.apply(topology, Fixtures::noNewOwnerId);
        aws.calls().reset();
        long start = System.nanoTime();
        ApplyResult again = provisioner.apply(topology, Fixtures::noNewOwnerId);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("no-op apply against moto: %s, %d ms%n", aws.calls(), millis);
        assertEquals(List.of(), again.changes());
        assertEquals(0, aws.calls().mutating(), aws.calls().mutatingByOperation().toString());
        assertEquals(List.of(), provisioner.plan(topology));
        assertEquals(List.of(), provisioner.drift(topology));
    }

    @Test
    void planListsEverythingAndMakesNoMutatingCall() {
        List<Change> plan = provisioner.plan(topology);
        assertEquals(0, aws.calls().mutating(), aws.calls().mutatingByOperation().toString());
        Set<String> created = plan.stream().filter(c -> c.action() == Change.Action.CREATE)
                .map(c -> c.kind() + " " + c.name()).collect(Collectors.toSet());
        assertTrue(created.containsAll(Set.of("vpc demo-vpc", "subnet demo-broker-usw2-az2", "internet-gateway demo-igw",
                "key-pair kafka-vpc-key-pair", "instance broker-node3", "load-balancer kafka-lb",
                "target-group plk-0123456789ab-bootstrap", "target-group plk-0123456789ab-b3", "listener kafka-lb:9095",
                "endpoint-service demo-endpoint-service")), created.toString());
        assertFalse(Files.exists(topology.identityFile()));
        assertEquals(List.of(), live());
    }

    @Test
    void applyInterruptedAfterTheTargetGroupsIsFinishedByTheNextWithoutDuplicates() {
        ExecutionInterceptor failListeners = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if ("CreateListener".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
                    throw SdkClientException.create("injected failure");
                }
            }
        };
        try (AwsClients failing = MOTO.clients(topology.spec(), failListeners)) {
            AwsOperationException e = assertThrows(AwsOperationException.class,
                    () -> new AwsProvisioner(failing, line -> { }).apply(topology, Fixtures::noNewOwnerId));
            assertTrue(e.getMessage().contains("CreateListener failed for listener kafka-lb:"), e.getMessage());
        }
        ApplyResult result = provisioner.apply(topology, Fixtures::noNewOwnerId);
        assertTrue(result.changes().stream().noneMatch(c -> c.kind().equals("instance") || c.kind().equals("vpc")
                || c.kind().equals("target-group")), result.changes().toString());
        assertEquals(1, aws.ec2().describeVpcs(r -> r.filters(cluster())).vpcs().size());
        assertEquals(4, live().size());
        assertEquals(1, aws.elb().describeLoadBalancers(r -> r.names("kafka-lb")).loadBalancers().size());
        assertEquals(4, aws.elb().describeTargetGroups(r -> { }).targetGroups().size());
        String lbArn = aws.elb().describeLoadBalancers(r -> r.names("kafka-lb")).loadBalancers().get(0).loadBalancerArn();
        assertEquals(List.of(9092, 9093, 9094, 9095), aws.elb().describeListeners(r -> r.loadBalancerArn(lbArn))
                .listeners().stream().map(Listener::port).sorted().toList());
        assertEquals(1, EndpointService.find(aws.ec2(), topology.spec().tags("demo")).size());
        aws.calls().reset();
        assertEquals(List.of(), provisioner.apply(topology, Fixtures::noNewOwnerId).changes());
        assertEquals(0, aws.calls().mutating());
    }

    @Test
    void driftInListenersAndTargetsIsReportedAndRepaired() {
        provisioner.apply(topology, Fixtures::noNewOwnerId);
        ElasticLoadBalancingV2Client elb = aws.elb();
        String lbArn = elb.describeLoadBalancers(r -> r.names("kafka-lb")).loadBalancers().get(0).loadBalancerArn();
        Listener b2 = elb.describeListeners(r -> r.loadBalancerArn(lbArn)).listeners().stream()
                .filter(l -> l.port() == 9094).findFirst().get();
        elb.deleteListener(r -> r.listenerArn(b2.listenerArn()));
        String bootstrapArn = elb.describeTargetGroups(r -> r.names("plk-0123456789ab-bootstrap")).targetGroups().get(0).targetGroupArn();
        String broker3 = aws.ec2().describeInstances(r -> r.filters(cluster(),
                Filter.builder().name("tag:Name").values("broker-node3").build()))
                .reservations().get(0).instances().get(0).instanceId();
        elb.deregisterTargets(r -> r.targetGroupArn(bootstrapArn).targets(t -> t.id(broker3).port(39092)));
        elb.createListener(r -> r.loadBalancerArn(lbArn).protocol(ProtocolEnum.TCP).port(9999)
                .defaultActions(a -> a.type("forward").targetGroupArn(bootstrapArn)));

        List<Change> drift = provisioner.drift(topology);
        assertEquals(List.of("+ create targets plk-0123456789ab-bootstrap: " + broker3 + ":39092",
                "- delete listener kafka-lb:9999: not in the port plan",
                "+ create listener kafka-lb:9094: TCP, forward to plk-0123456789ab-b2"),
                drift.stream().map(Change::toString).toList());
        provisioner.apply(topology, Fixtures::noNewOwnerId);
        assertEquals(List.of(), provisioner.drift(topology));
    }

    @Test
    void targetGroupsHaveTheRollingRestartHealthCheckAndAnOutOfBandChangeIsCorrected() {
        provisioner.apply(topology, Fixtures::noNewOwnerId);
        ElasticLoadBalancingV2Client elb = aws.elb();
        List<String> names = List.of("plk-0123456789ab-bootstrap", "plk-0123456789ab-b1", "plk-0123456789ab-b2",
                "plk-0123456789ab-b3");
        for (TargetGroup g : elb.describeTargetGroups(r -> r.names(names)).targetGroups()) {
            assertEquals(List.of("TCP", "traffic-port", 10, 5, 2, 2, "30"), health(elb, g), g.targetGroupName());
        }
        String b1 = elb.describeTargetGroups(r -> r.names("plk-0123456789ab-b1")).targetGroups().get(0)
                .targetGroupArn();
        elb.modifyTargetGroup(r -> r.targetGroupArn(b1).healthCheckIntervalSeconds(30).healthyThresholdCount(3));
        elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(b1)
                .attributes(a -> a.key("deregistration_delay.timeout_seconds").value("300")));

        List<String> expected = List.of(
                "~ update target-group plk-0123456789ab-b1: health check interval 30 -> 10, healthy threshold 3 -> 2",
                "~ update target-group plk-0123456789ab-b1: deregistration_delay.timeout_seconds 300 -> 30");
        assertEquals(expected, provisioner.drift(topology).stream().map(Change::toString).toList());
        assertEquals(expected, provisioner.apply(topology, Fixtures::noNewOwnerId).changes().stream()
                .map(Change::toString).toList());
        assertEquals(List.of("TCP", "traffic-port", 10, 5, 2, 2, "30"),
                health(elb, elb.describeTargetGroups(r -> r.targetGroupArns(b1)).targetGroups().get(0)));
        aws.calls().reset();
        assertEquals(List.of(), provisioner.apply(topology, Fixtures::noNewOwnerId).changes());
        assertEquals(0, aws.calls().mutating(), aws.calls().mutatingByOperation().toString());
    }

    /** moto checks no health: a registered running instance is "healthy" at once (AWS says "initial" first). */
    @Test
    void aBrokerIsATargetOfItsOwnAndTheBootstrapGroup() {
        provisioner.apply(topology, Fixtures::noNewOwnerId);
        String broker2 = aws.ec2().describeInstances(r -> r.filters(cluster(),
                Filter.builder().name("tag:Name").values("broker-node2").build()))
                .reservations().get(0).instances().get(0).instanceId();
        List<BrokerTargets.Target> targets = BrokerTargets.of(aws, topology, 2);
        assertEquals(List.of("plk-0123456789ab-bootstrap " + broker2 + ":39092",
                "plk-0123456789ab-b2 " + broker2 + ":39092"),
                targets.stream().map(t -> t.group() + " " + t.instanceId() + ":" + t.port()).toList());
        assertEquals(List.of("plk-0123456789ab-bootstrap " + broker2 + ":39092 healthy",
                "plk-0123456789ab-b2 " + broker2 + ":39092 healthy"),
                new BrokerTargets(aws.elb()).health(targets).stream().map(Object::toString).toList());
    }

    private static List<Object> health(ElasticLoadBalancingV2Client elb, TargetGroup g) {
        String delay = elb.describeTargetGroupAttributes(r -> r.targetGroupArn(g.targetGroupArn())).attributes()
                .stream().filter(a -> a.key().equals("deregistration_delay.timeout_seconds")).findFirst().get().value();
        return List.of(g.healthCheckProtocolAsString(), g.healthCheckPort(), g.healthCheckIntervalSeconds(),
                g.healthCheckTimeoutSeconds(), g.healthyThresholdCount(), g.unhealthyThresholdCount(), delay);
    }

    @Test
    void aChangedPortPlanMovesListenerAndSecurityRuleTogether() {
        provisioner.apply(topology, Fixtures::noNewOwnerId);
        List<BrokerSlot> moved = new ArrayList<>(topology.brokers());
        moved.set(2, new BrokerSlot(3, "usw2-az3", 9105, 39092, 9092, 29092));
        AwsTopology changed = new AwsTopology("demo", topology.spec(), topology.identityFile(), 9092, moved, 18765);

        assertEquals(List.of("- delete security-group-rule demo-lb: ingress tcp 9095 from 10.100.0.0/16",
                "+ create security-group-rules demo-lb: ingress tcp 9105 from 10.100.0.0/16",
                "- delete listener kafka-lb:9095: not in the port plan",
                "+ create listener kafka-lb:9105: TCP, forward to plk-0123456789ab-b3"),
                provisioner.plan(changed).stream().map(Change::toString).toList());
        provisioner.apply(changed, Fixtures::noNewOwnerId);
        String lbArn = aws.elb().describeLoadBalancers(r -> r.names("kafka-lb")).loadBalancers().get(0).loadBalancerArn();
        Map<String, String> idOf = new HashMap<>();
        live().forEach(i -> idOf.put(i.instanceId(), Tags.value(i.tags(), Tags.NAME)));
        assertEquals(Set.of("broker-node3:39092"), listenerMap(lbArn, idOf).get(9105));
        assertEquals(List.of(9092, 9093, 9094, 9105), List.copyOf(listenerMap(lbArn, idOf).keySet()));
        assertEquals(List.of(), provisioner.plan(changed));
    }

    @Test
    void aBrokerThatJoinsGetsAListenerAndGroupOfItsOwnThatLeaveWithItAndNoOtherPortMoves() {
        provisioner.apply(topology, Fixtures::noNewOwnerId);
        List<BrokerSlot> four = new ArrayList<>(topology.brokers());
        four.add(new BrokerSlot(4, "usw2-az1", 9096, 39092, 9092, 29092));
        AwsTopology grown = new AwsTopology("demo", topology.spec(), topology.identityFile(), 9092, four, 18765);
        provisioner.apply(grown, Fixtures::noNewOwnerId);
        String lbArn = aws.elb().describeLoadBalancers(r -> r.names("kafka-lb")).loadBalancers().get(0).loadBalancerArn();
        Map<String, String> idOf = new HashMap<>();
        live().forEach(i -> idOf.put(i.instanceId(), Tags.value(i.tags(), Tags.NAME)));
        Map<Integer, Set<String>> listeners = listenerMap(lbArn, idOf);
        assertEquals(List.of(9092, 9093, 9094, 9095, 9096), List.copyOf(listeners.keySet()));
        assertEquals(Set.of("broker-node1:39092"), listeners.get(9093));
        assertEquals(Set.of("broker-node4:39092"), listeners.get(9096));
        assertTrue(groupNames().contains("plk-0123456789ab-b4"), groupNames().toString());

        provisioner.apply(topology, Fixtures::noNewOwnerId);
        Map<Integer, Set<String>> after = listenerMap(lbArn, idOf);
        assertEquals(List.of(9092, 9093, 9094, 9095), List.copyOf(after.keySet()));
        assertEquals(Set.of("broker-node3:39092"), after.get(9095));
        assertFalse(groupNames().contains("plk-0123456789ab-b4"), groupNames().toString());
        assertTrue(live().stream().anyMatch(i -> "broker-node4".equals(Tags.value(i.tags(), Tags.NAME))),
                "the removed broker's instance keeps running, and its data with it");
    }

    @Test
    void terminatingARemovedBrokerTouchesItsOwnInstanceOnly() {
        provisioner.apply(topology, Fixtures::noNewOwnerId);
        String foreign = aws.ec2().runInstances(r -> r.imageId(live().get(0).imageId()).minCount(1).maxCount(1)
                .tagSpecifications(t -> t.resourceType(software.amazon.awssdk.services.ec2.model.ResourceType.INSTANCE)
                        .tags(tag(Tags.CLUSTER, "demo"), tag(Tags.OWNER, "fedcba987654"), tag(Tags.ROLE, "broker"),
                                tag(Tags.NODE, "3"), tag(Tags.NAME, "broker-node3")))).instances().get(0).instanceId();
        aws.calls().reset();
        Change terminated = provisioner.terminateBroker("demo", topology.spec(), 3).orElseThrow();
        assertEquals("instance broker-node3", terminated.kind() + " " + terminated.name());
        assertEquals(1, aws.calls().mutating(), aws.calls().mutatingByOperation().toString());
        List<String> names = live().stream().map(i -> Tags.value(i.tags(), Tags.NAME)).sorted().toList();
        assertEquals(List.of("bastion-node", "broker-node1", "broker-node2", "broker-node3"), names,
                "the other brokers, and another owner's instance of the same name, keep running");
        assertTrue(live().stream().anyMatch(i -> i.instanceId().equals(foreign)));
        assertEquals(java.util.Optional.empty(), provisioner.terminateBroker("demo", topology.spec(), 3),
                "a second run finds nothing to terminate");
    }

    private static software.amazon.awssdk.services.ec2.model.Tag tag(String key, String value) {
        return software.amazon.awssdk.services.ec2.model.Tag.builder().key(key).value(value).build();
    }

    private List<String> groupNames() {
        return aws.elb().describeTargetGroups().targetGroups().stream().map(TargetGroup::targetGroupName).toList();
    }

    @Test
    void aBrokerMovedToAnotherAzIsRefusedWithoutChangingAnything() {
        provisioner.apply(topology, Fixtures::noNewOwnerId);
        List<BrokerSlot> moved = new ArrayList<>(topology.brokers());
        moved.set(2, new BrokerSlot(3, "usw2-az1", 9095, 39092, 9092, 29092));
        AwsTopology changed = new AwsTopology("demo", topology.spec(), topology.identityFile(), 9092, moved, 18765);
        aws.calls().reset();
        AwsProblemsException e = assertThrows(AwsProblemsException.class, () -> provisioner.apply(changed, Fixtures::noNewOwnerId));
        assertEquals("brokers[nodeId=3].azId", e.problems().get(0).field());
        assertTrue(e.problems().get(0).message().contains("an instance cannot move"), e.getMessage());
        assertEquals(0, aws.calls().mutating(), aws.calls().mutatingByOperation().toString());
    }

    @Test
    void destroyLeavesNothingTaggedAndRunsTwice() {
        provisioner.apply(topology, Fixtures::noNewOwnerId);
        aws.calls().reset();
        long start = System.nanoTime();
        List<Change> deleted = provisioner.teardown("demo", topology.spec()).run();
        System.out.printf("destroy against moto: %s, %d ms%n", aws.calls(), (System.nanoTime() - start) / 1_000_000);
        assertEquals(List.of("instance", "endpoint-service", "load-balancer", "target-group", "route-table-association",
                "route-table", "subnet", "internet-gateway", "security-group-rules", "security-group", "vpc", "key-pair"),
                deleted.stream().map(Change::kind).distinct().toList(), "dependency order");
        assertEquals(4, deleted.stream().filter(c -> c.kind().equals("subnet")).count());
        assertEquals(3, deleted.stream().filter(c -> c.kind().equals("security-group")).count());
        Ec2Client ec2 = aws.ec2();
        assertEquals(List.of(), live());
        assertEquals(List.of(), ec2.describeVpcs(r -> r.filters(cluster())).vpcs());
        assertEquals(List.of(), ec2.describeSubnets(r -> r.filters(cluster())).subnets());
        assertEquals(List.of(), ec2.describeSecurityGroups(r -> r.filters(cluster())).securityGroups());
        assertEquals(List.of(), ec2.describeRouteTables(r -> r.filters(cluster())).routeTables());
        assertEquals(List.of(), ec2.describeInternetGateways(r -> r.filters(cluster())).internetGateways());
        assertEquals(List.of(), ec2.describeKeyPairs(r -> r.filters(cluster())).keyPairs());
        assertEquals(List.of(), EndpointService.find(ec2, topology.spec().tags("demo")));
        assertEquals(List.of(), aws.elb().describeLoadBalancers(r -> { }).loadBalancers());
        assertEquals(List.of(), aws.elb().describeTargetGroups(r -> { }).targetGroups());
        assertTrue(Files.exists(topology.identityFile()));

        aws.calls().reset();
        start = System.nanoTime();
        List<Change> again = provisioner.teardown("demo", topology.spec()).run();
        System.out.printf("no-op destroy against moto: %s, %d ms%n", aws.calls(), (System.nanoTime() - start) / 1_000_000);
        assertEquals(List.of(), again);
        assertEquals(0, aws.calls().mutating());
        // and the cluster can be built again, with the kept private key imported as the key pair
        List<Change> rebuilt = provisioner.apply(topology, Fixtures::noNewOwnerId).changes();
        assertTrue(rebuilt.contains(new Change(Change.Action.CREATE, "key-pair", "kafka-vpc-key-pair",
                "imported from " + topology.identityFile())), rebuilt.toString());
        assertEquals(1, aws.ec2().describeKeyPairs(r -> r.filters(cluster())).keyPairs().size());
    }
}
