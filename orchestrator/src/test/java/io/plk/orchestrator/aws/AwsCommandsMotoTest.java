package io.plk.orchestrator.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plk.orchestrator.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The AWS commands as a user types them, against moto: plan, apply --only aws (twice), destroy. */
class AwsCommandsMotoTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    @TempDir
    Path dir;

    @BeforeAll
    static void fakeCredentials() {
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
    }

    @AfterAll
    static void forgetCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void planThenApplyTwiceThenDestroy() throws Exception {
        Path inventory = inventory("[203.0.113.7/32]");
        String plan = run(0, "plan", inventory.toString());
        assertTrue(plan.contains("+ create") && plan.contains("not provisioned yet"), plan);

        String first = run(0, "apply", inventory.toString(), "--only", "aws");
        assertTrue(first.contains("next step: ticloud serverless private-link-connection create"), first);
        Path outputs = dir.resolve("inv.yaml.outputs.yaml");
        assertTrue(Files.readString(outputs).contains("endpointServiceName: com.amazonaws.vpce."), outputs.toString());
        Path key = dir.resolve("key.pem");
        assertEquals("r--------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));

        String second = run(0, "apply", inventory.toString(), "--only", "aws");
        assertTrue(second.contains("(0 mutating"), second);

        java.util.regex.Matcher owner = java.util.regex.Pattern.compile("\n  ownerId: ([0-9a-f]{12})\n")
                .matcher(Files.readString(inventory));
        assertTrue(owner.find(), "the first apply writes aws.ownerId into the inventory:\n" + Files.readString(inventory));
        // quoted when the random id reads as a YAML number (all digits, or 404e89776520)
        assertTrue(Files.readString(outputs).replace("'", "").contains("ownerId: " + owner.group(1)),
                Files.readString(outputs));

        String destroyed = run(0, "destroy", inventory.toString(), "--yes");
        assertTrue(destroyed.contains("destroy deletes these 21 resources of cluster demo (plk:owner=" + owner.group(1)
                + ") in us-west-2:"), destroyed);
        assertTrue(destroyed.matches("(?s).*\n  - vpc vpc-[0-9a-f]+ \\(Name demo-vpc\\)\n.*"), destroyed);
        assertTrue(destroyed.indexOf("  - instance ") < destroyed.indexOf("- delete instance"), destroyed);
        String again = run(0, "destroy", inventory.toString(), "--yes");
        assertTrue(again.contains("nothing of cluster demo (ownership id " + owner.group(1) + ") is left"), again);
    }

    @Test
    void sshFromAnywhereIsBadInputAndTouchesNothing() throws Exception {
        Path inventory = inventory("[0.0.0.0/0]");
        String refusal = "line 19: aws.sshFrom[0]: SSH to the bastion from anywhere (0.0.0.0/0) is refused";
        for (String command : new String[] {"validate", "plan", "apply"}) {
            String out = run(2, command, inventory.toString());
            assertTrue(out.contains(refusal), out);
        }
        assertTrue(Files.notExists(dir.resolve("key.pem")), "nothing was provisioned");
        String plan = run(0, "plan", inventory.toString(), "--allow-ssh-from-anywhere");
        assertTrue(plan.contains("+ create vpc"), plan);
    }

    @Test
    void validateRefusesAnyPrincipalWithoutAcceptanceWithFieldAndLine() throws Exception {
        Path inventory = inventory("[203.0.113.7/32]", "{allowedPrincipals: [\"*\"], acceptanceRequired: false}");
        String out = run(2, "validate", inventory.toString());
        assertTrue(out.contains("line 21: aws.endpointService.allowedPrincipals: \"*\" lets any AWS account"), out);
        run(0, "validate", inventory("[203.0.113.7/32]", "{allowedPrincipals: [\"*\"], acceptanceRequired: true}")
                .toString());
    }

    @Test
    void aMangledOwnershipIdIsBadInputWithFieldAndLine() throws Exception {
        Path inventory = inventory("[203.0.113.7/32]");
        Files.writeString(inventory, Files.readString(inventory) + "  ownerId: \"0123; rm -rf /\"\n");
        String out = run(2, "validate", inventory.toString());
        assertTrue(out.contains("line 22: aws.ownerId: '0123; rm -rf /' is not valid: the ownership id apply wrote"
                + " here is 12 hex digits"), out);
    }

    private Path inventory(String sshFrom) throws Exception {
        return inventory(sshFrom, "{allowedPrincipals: [\"arn:aws:iam::123456789012:root\"]}");
    }

    private Path inventory(String sshFrom, String endpointService) throws Exception {
        Path file = dir.resolve("inv.yaml");
        Files.writeString(file, """
                cluster:
                  name: demo
                  kafka: {archive: https://archive.apache.org/dist/kafka/3.7.1/kafka_2.13-3.7.1.tgz}
                privateLink:
                  advertisedListenerPattern: "<broker_id>.<az_id>.<unique_name>.aws.plc.tidbcloud.com:<port>"
                  auth: {mechanism: none}
                ssh:
                  identityFile: key.pem
                  knownHosts: known_hosts
                brokers:
                  - {nodeId: 1, azId: usw2-az1}
                  - {nodeId: 2, azId: usw2-az2}
                  - {nodeId: 3, azId: usw2-az3}
                aws:
                  region: us-west-2
                  endpoint: %s
                  brokerSubnets: {usw2-az1: 10.0.0.0/18, usw2-az2: 10.0.64.0/18, usw2-az3: 10.0.128.0/18}
                  bastionSubnet: {azId: usw2-az1, cidr: 10.0.192.0/18}
                  sshFrom: %s
                  loadBalancer: {name: demo-lb, allowFrom: [10.100.0.0/16]}
                  endpointService: %s
                """.formatted(MOTO.endpoint(), sshFrom, endpointService));
        return file;
    }

    private static String run(int expectedExit, String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream both = new PrintStream(captured, true);
        System.setOut(both);
        System.setErr(both);
        try {
            int exit = Main.execute(args);
            assertEquals(expectedExit, exit, captured.toString());
            return captured.toString();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
