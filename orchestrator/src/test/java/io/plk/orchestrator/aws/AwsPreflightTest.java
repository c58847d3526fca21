package io.plk.orchestrator.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Preflight against a real moto_server (AZ IDs, key pair) and without AWS (input, credentials). */
class AwsPreflightTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    @TempDir
    Path dir;

    private AwsSpec spec(String region, Map<String, String> subnets, List<String> sshFrom) {
        AwsSpec s = Fixtures.spec(MOTO.endpoint());
        return new AwsSpec(region, s.endpoint(), s.vpcCidr(), subnets, s.bastionAzId(), s.bastionCidr(), sshFrom,
                s.keyPair(), s.ami(), s.bastionInstanceType(), s.brokerInstanceType(), s.loadBalancerName(),
                s.loadBalancerAllowFrom(), s.crossZone(), s.allowedPrincipals(), s.acceptanceRequired(), s.ownerId());
    }

    private static Map<String, String> problems(List<AwsProblem> problems) {
        return problems.stream().collect(Collectors.toMap(AwsProblem::field, AwsProblem::message, (a, b) -> a + " | " + b));
    }

    @Test
    void anyPrincipalIsRefusedUnlessEachConnectionMustBeAccepted() {
        AwsSpec s = Fixtures.spec(MOTO.endpoint());
        for (boolean acceptance : new boolean[] {false, true}) {
            AwsSpec spec = new AwsSpec(s.region(), s.endpoint(), s.vpcCidr(), s.brokerSubnets(), s.bastionAzId(),
                    s.bastionCidr(), s.sshFrom(), s.keyPair(), s.ami(), s.bastionInstanceType(), s.brokerInstanceType(),
                    s.loadBalancerName(), s.loadBalancerAllowFrom(), s.crossZone(), List.of("*"), acceptance, s.ownerId());
            Map<String, String> found = problems(AwsPreflight.checkInput(Fixtures.topology(spec, dir.resolve("k"))));
            assertEquals(acceptance ? Map.of() : Map.of("aws.endpointService.allowedPrincipals",
                    AwsPreflight.anyPrincipalProblem(List.of("*"), false).orElseThrow()), found);
        }
    }

    @Test
    void everyProblemIsReportedWithItsFieldAndNothingIsChanged() {
        Map<String, String> subnets = new LinkedHashMap<>();
        subnets.put("usw2-az1", "10.0.0.0/18");
        subnets.put("usw2-az9", "10.0.64.0/18");
        subnets.put("usw2-az2", "10.0.128.0/18");
        AwsSpec spec = spec("us-west-2", subnets, List.of("203.0.113.7/32"));
        AwsTopology topology = new AwsTopology("demo", spec, dir.resolve("key.pem"), 9092, List.of(
                new BrokerSlot(1, "usw2-az1", 9093, 39092, 9092, 29092),
                new BrokerSlot(2, "usw2-az2", 9094, 39092, 9092, 29092),
                new BrokerSlot(3, "usw2-az3", 9095, 39092, 9092, 29092)), 0);
        try (AwsClients aws = MOTO.clients(spec)) {
            Map<String, String> found = problems(new AwsPreflight(aws).check(topology));
            assertTrue(found.get("aws.brokerSubnets.usw2-az9").contains("AZ ID usw2-az9 is not in us-west-2; its AZ IDs are"),
                    found.toString());
            assertTrue(found.get("brokers[2].azId").contains("aws.brokerSubnets has no subnet"), found.toString());
            assertEquals(2, found.size(), found.toString());

            AwsProblemsException e = assertThrows(AwsProblemsException.class,
                    () -> new AwsProvisioner(aws, line -> { }).apply(topology, Fixtures::noNewOwnerId));
            assertEquals(2, e.problems().size());
            assertEquals(0, aws.calls().mutating());
        }
    }

    @Test
    void unknownRegionAndBrokerWithoutSubnetAreFoundWithoutAws() {
        Map<String, String> subnets = Map.of("usw2-az1", "10.0.0.0/18");
        AwsTopology topology = Fixtures.topology(spec("us-nowhere-1", subnets, List.of("203.0.113.7/32")),
                dir.resolve("k"));
        Map<String, String> found = problems(AwsPreflight.checkInput(topology));
        assertTrue(found.get("aws.region").startsWith("unknown region 'us-nowhere-1'"), found.toString());
        assertTrue(found.get("brokers[1].azId").contains("aws.brokerSubnets has no subnet"), found.toString());
        assertEquals(3, found.size(), found.toString());
    }

    @Test
    void missingCredentialsAreReported() {
        AwsSpec spec = Fixtures.spec(MOTO.endpoint());
        try (AwsClients aws = AwsClients.create(spec, () -> {
            throw SdkClientException.create("Unable to load credentials from any of the providers in the chain");
        }, 1, List.of())) {
            Map<String, String> found = problems(new AwsPreflight(aws).check(Fixtures.topology(spec, dir.resolve("k"))));
            assertTrue(found.get("aws").startsWith("no AWS credentials found"), found.toString());
            assertEquals(0, aws.calls().total());
        }
    }

    @Test
    void anExistingKeyPairWithoutItsPrivateKeyIsReported() throws Exception {
        AwsSpec spec = Fixtures.spec(MOTO.endpoint());
        try (AwsClients aws = MOTO.clients(spec)) {
            aws.ec2().createKeyPair(r -> r.keyName("kafka-vpc-key-pair"));
            AwsTopology topology = Fixtures.topology(spec, dir.resolve("missing.pem"));
            assertTrue(problems(new AwsPreflight(aws).check(topology)).get("ssh.identityFile")
                    .contains("already exists in us-west-2 but its private key"));
            Files.writeString(dir.resolve("present.pem"), "key");
            assertEquals(List.of(), new AwsPreflight(aws).check(Fixtures.topology(spec, dir.resolve("present.pem"))));
        }
    }

    @Test
    void aPrivateKeyWithoutKeyPairMustBeImportable() throws Exception {
        AwsSpec spec = Fixtures.spec(MOTO.endpoint());
        Files.writeString(dir.resolve("garbage.pem"), "not a key");
        try (AwsClients aws = MOTO.clients(spec)) {
            String problem = problems(new AwsPreflight(aws).check(Fixtures.topology(spec, dir.resolve("garbage.pem"))))
                    .get("aws.keyPair");
            assertTrue(problem.contains("cannot be read to import it"), problem);
            Files.writeString(dir.resolve("garbage.pem.pub"), "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGb0d8yRp9n4TQVCmS2Nw3d1T8d2WZ5cK3Xv0r1lXw2A me");
            assertEquals(List.of(), new AwsPreflight(aws).check(Fixtures.topology(spec, dir.resolve("garbage.pem"))));
        }
    }
}
