package io.plk.orchestrator.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each malformed inventory is refused with the field's path, its line, and what to write instead. */
class InventoryValidationTest {
    private static final Path DIR = RunbookInventory.DIR;
    private static final String AUTH = "auth: {mechanism: none}       # the runbook: EXTERNAL unauthenticated";
    private static final String runbook = RunbookInventory.TEXT;

    static Stream<Arguments> malformed() {
        return Stream.of(
                bad("typo in a top-level key", "brokers:", "broker:", "broker", 21, "did you mean 'brokers'"),
                bad("typo in a cluster key", "  heap: 1g", "  heep: 1g", "cluster.heep", 7, "did you mean 'heap'"),
                bad("typo in a broker key", "{nodeId: 2,", "{nodeID: 2,", "brokers[1].nodeID", 23, "unknown key"),
                bad("missing cluster name", "  name: kafka-pl\n", "", "cluster.name", 3, "is required"),
                bad("cluster name with capitals", "name: kafka-pl", "name: Kafka_PL", "cluster.name", 3, "a-z, 0-9"),
                bad("cluster name too long", "name: kafka-pl", "name: " + "k".repeat(33), "cluster.name", 3,
                        "1-32"),
                bad("cluster id of wrong length", "BRl69zcmTFmiPaoaANybiw", "BRl69zcm", "cluster.clusterId", 4,
                        "22 characters"),
                bad("cluster id starting with a dash", "BRl69zcmTFmiPaoaANybiw", "-Rl69zcmTFmiPaoaANybiw",
                        "cluster.clusterId", 4, "not starting with '-'"),
                bad("missing kafka archive",
                        "    archive: https://archive.apache.org/dist/kafka/3.7.1/kafka_2.13-3.7.1.tgz\n", "",
                        "cluster.kafka.archive", 5, "is required"),
                bad("relative archive that does not exist", "https://archive.apache.org/dist/kafka/3.7.1/",
                        "missing/", "cluster.kafka.archive", 6, "does not exist"),
                bad("bad sha512", "    archive: https", "    sha512: abc\n    archive: https",
                        "cluster.kafka.sha512", 6, "128 hex digits"),
                bad("bad heap", "heap: 1g", "heap: lots", "cluster.heap", 7, "512m or 1g"),
                bad("port out of range", "controller: 29092", "controller: 70000", "cluster.ports.controller", 9,
                        "1-65535"),
                bad("port not a number", "internal: 9092", "internal: nine", "cluster.ports.internal", 9,
                        "not a whole number"),
                bad("listener ports equal", "external: 39092", "external: 9092", "cluster.ports", 9,
                        "three different ports"),
                bad("pattern without <port>", ".aws.plc.tidbcloud.com:<port>", ".aws.plc.tidbcloud.com",
                        "privateLink.advertisedListenerPattern", 11, "lacks <port>"),
                bad("pattern without <az_id>", "<broker_id>.<az_id>.", "<broker_id>.",
                        "privateLink.advertisedListenerPattern", 11, "lacks <az_id>"),
                bad("pattern without <unique_name>", "<unique_name>.aws", "fixed.aws",
                        "privateLink.advertisedListenerPattern", 11, "lacks <unique_name>"),
                bad("pattern without <broker_id>", "\"<broker_id>.", "\"broker.",
                        "privateLink.advertisedListenerPattern", 11, "lacks <broker_id>"),
                bad("missing pattern", "  advertisedListenerPattern: \"<broker_id>.<az_id>.<unique_name>.aws.plc"
                        + ".tidbcloud.com:<port>\"\n", "", "privateLink.advertisedListenerPattern", 11, "is required"),
                bad("unique name not a DNS label", "uniqueName: unique_name", "uniqueName: Not_A_Label",
                        "privateLink.uniqueName", 12, "DNS label"),
                bad("unique name ending with '-'", "uniqueName: unique_name", "uniqueName: dvs6nl-",
                        "privateLink.uniqueName", 12, "'dvs6nl-' is not a DNS label: use 1-63 characters a-z, 0-9 and"
                                + " '-', not starting or ending with '-' (or the placeholder unique_name)"),
                bad("bootstrap port equals a broker port", "bootstrapPort: 9092", "bootstrapPort: 9094",
                        "brokers[1].nodeId", 23, "already used by privateLink.bootstrapPort"),
                bad("two brokers with the same advertised port", "host: 10.0.64.12}",
                        "host: 10.0.64.12, advertisedPort: 9093}", "brokers[1].advertisedPort", 23,
                        "already used by brokers[0]"),
                bad("duplicate node ids", "{nodeId: 2,", "{nodeId: 1,", "brokers[1].nodeId", 23,
                        "already used by brokers[0]"),
                bad("negative node id", "{nodeId: 3,", "{nodeId: -3,", "brokers[2].nodeId", 24, "negative"),
                bad("missing node id", "{nodeId: 3, azId", "{azId", "brokers[2].nodeId", 24, "is required"),
                bad("AZ name instead of AZ ID", "azId: usw2-az2", "azId: us-west-2c", "brokers[1].azId", 23,
                        "not an AZ ID"),
                bad("missing broker host", ", host: 10.0.128.12}", "}", "brokers[2].host", 24, "is required"),
                bad("same host twice", "host: 10.0.128.12", "host: 10.0.0.12", "brokers[2].host", 24,
                        "already brokers[0].host"),
                bad("missing identity file", "identityFile: test-key.pem", "identityFile: nope.pem",
                        "ssh.identityFile", 18, "does not exist"),
                bad("bad strictHostKeyChecking", "  knownHosts: known_hosts",
                        "  knownHosts: known_hosts\n  strictHostKeyChecking: no", "ssh.strictHostKeyChecking", 20,
                        "yes or accept-new"),
                bad("missing bastion host", "{host: 54.186.149.187, port: 22", "{port: 22", "ssh.bastion.host", 20,
                        "is required"),
                bad("brokers not a list", "brokers:\n", "brokers: 3\nold:\n", "brokers", 21, "expected a list"),
                bad("duplicate key", "  heap: 1g", "  heap: 1g\n  heap: 2g", "cluster.heap", 8, "duplicate key"),
                bad("unknown service mode", "  heap: 1g", "  heap: 1g\n  service: upstart", "cluster.service", 8,
                        "'upstart' is not one of auto, systemd, process"),
                bad("no auth section", "  " + AUTH + "\n", "", "privateLink.auth", 11, "is required: it says how"),
                bad("unknown mechanism", AUTH, "auth: {mechanism: SCRAM-SHA-1}", "privateLink.auth.mechanism", 13,
                        "is not one of SCRAM-SHA-512, SCRAM-SHA-256, none"),
                bad("PLAIN", AUTH, "auth: {mechanism: PLAIN}", "privateLink.auth.mechanism", 13,
                        "PLAIN would keep every password in server.properties"),
                bad("SCRAM without users", AUTH, "auth: {mechanism: SCRAM-SHA-512}", "privateLink.auth.users", 13,
                        "is required with SCRAM-SHA-512"),
                bad("users with none", AUTH, "auth: {mechanism: none, users: [{name: u, passwordEnv: HOME}]}",
                        "privateLink.auth.users", 13, "authenticates nobody"),
                bad("a password in the inventory", AUTH, "auth: {users: [{name: u, password: s3cret}]}",
                        "privateLink.auth.users[0].password", 13, "never write a password into the inventory"),
                bad("file and environment both", AUTH, "auth: {users: [{name: u, passwordFile: /etc/hostname, "
                        + "passwordEnv: HOME}]}", "privateLink.auth.users[0].passwordFile", 13, "exactly one of"),
                bad("an unset environment variable", AUTH, "auth: {users: [{name: u, passwordEnv: PLK_NOT_SET_XYZ}]}",
                        "privateLink.auth.users[0].passwordEnv", 13, "$PLK_NOT_SET_XYZ is not set"),
                bad("a password file others can read", AUTH, "auth: {users: [{name: u, passwordFile: /etc/hostname}]}",
                        "privateLink.auth.users[0].passwordFile", 13, "can be read by others"),
                bad("a missing password file", AUTH, "auth: {users: [{name: u, passwordFile: nope}]}",
                        "privateLink.auth.users[0].passwordFile", 13, "does not exist"),
                bad("a user name Kafka cannot hold", AUTH, "auth: {users: [{name: \"tidb cdc\", passwordEnv: HOME}]}",
                        "privateLink.auth.users[0].name", 13, "is not valid"),
                bad("a user twice", AUTH, "auth: {users: [{name: u, passwordEnv: HOME}, {name: u, passwordEnv: HOME}]}",
                        "privateLink.auth.users[1].name", 13, "listed twice"),
                bad("a user without acls while the authorizer is on", AUTH, "auth: {users: [{name: u, passwordEnv: HOME}]}",
                        "privateLink.auth.users[0].acls", 13, "is required with the authorizer on"),
                bad("acls while the authorizer is off", AUTH, "auth: {authorizer: false, users: [{name: u, passwordEnv: "
                        + "HOME, acls: changefeed}]}", "privateLink.auth.users[0].acls", 13, "only enforced by an authorizer"),
                bad("the authorizer with mechanism none", AUTH, "auth: {mechanism: none, authorizer: true}",
                        "privateLink.auth.authorizer", 13, "every client of EXTERNAL is ANONYMOUS"),
                bad("authorizer not a boolean", AUTH, "auth: {authorizer: maybe, users: [{name: u, passwordEnv: HOME, "
                        + "acls: changefeed}]}", "privateLink.auth.authorizer", 13, "is not true or false"),
                bad("a user named ANONYMOUS", AUTH, "auth: {users: [{name: ANONYMOUS, passwordEnv: HOME, acls: "
                        + "changefeed}]}", "privateLink.auth.users[0].name", 13, "the super user"),
                acl("an unknown preset", "everything", "acls", "'everything' is not a preset"),
                acl("an unknown preset in a mapping", "{preset: admin}", "acls.preset", "the one preset is changefeed"),
                acl("a topic prefix with a space", "{preset: changefeed, topicPrefix: \"a b\"}", "acls.topicPrefix",
                        "not a topic name prefix"),
                acl("a key the preset does not take", "{preset: changefeed, group: g}", "acls.group", "unknown key"),
                acl("an empty list", "[]", "acls", "lists no ACL"),
                acl("a plain value in the list that is no preset", "[changefeed, everything]", "acls[1]",
                        "'everything' is not a preset"),
                acl("an unknown resource type", "[{resource: broker, name: b, operations: [read]}]", "acls[0].resource",
                        "write topic, group, cluster or transactionalId"),
                acl("an entry without a resource", "[{name: t, operations: [read]}]", "acls[0].resource", "is required"),
                acl("an operation a group does not have", "[{resource: group, name: g, operations: [read, write]}]",
                        "acls[0].operations[1]", "'write' is not an operation on a group: use read, describe, delete"),
                acl("an unknown operation", "{resource: topic, name: t, operations: [publish]}", "acls.operations[0]",
                        "describeConfigs"),
                acl("no operations", "[{resource: topic, name: t}]", "acls[0].operations", "is required"),
                acl("an unknown pattern", "[{resource: topic, name: t, pattern: glob, operations: [read]}]",
                        "acls[0].pattern", "write literal"),
                acl("a prefixed *", "[{resource: topic, name: \"*\", pattern: prefixed, operations: [read]}]",
                        "acls[0].name", "already means every name"),
                acl("a topic name with a space", "[{resource: topic, name: \"a b\", operations: [read]}]",
                        "acls[0].name", "is not valid"),
                acl("a topic without a name", "[{resource: topic, operations: [read]}]", "acls[0].name", "is required"),
                acl("a cluster with another name", "[{resource: cluster, name: prod, operations: [describe]}]",
                        "acls[0].name", "named kafka-cluster"),
                acl("a host", "[{resource: topic, name: t, operations: [read], host: 10.0.0.1}]", "acls[0].host",
                        "unknown key"),
                bad("acls on their own lines", AUTH, """
                        auth:
                            users:
                              - name: u
                                passwordEnv: HOME
                                acls:
                                  - changefeed
                                  - {resource: group, name: g, operations: [write]}""",
                        "privateLink.auth.users[0].acls[1].operations[0]", 19, "not an operation on a group"),
                bad("existing without a service", "brokers:", "existing: {configFile: /x, kafkaHome: /k}\nbrokers:",
                        "existing.service", 21, "{systemd: kafka}"),
                bad("existing with a relative config file", "brokers:",
                        "existing: {configFile: x, kafkaHome: /k, service: {systemd: kafka}}\nbrokers:",
                        "existing.configFile", 21, "absolute path"),
                bad("existing with both systemd and commands", "brokers:",
                        "existing: {configFile: /x, kafkaHome: /k, service: {systemd: k, start: s, stop: t}}\nbrokers:",
                        "existing.service", 21, "{systemd: kafka}"),
                aws("sshFrom without a prefix length", "sshFrom: [203.0.113.7/32]", "sshFrom: [203.0.113.7]",
                        "aws.sshFrom[0]", 30, "not an IPv4 CIDR like 10.0.0.0/16"),
                aws("second sshFrom entry on its own line with an octet past 255", "sshFrom: [203.0.113.7/32]",
                        "sshFrom:\n    - 203.0.113.7/32\n    - 203.0.113.300/32", "aws.sshFrom[1]", 32,
                        "not an IPv4 CIDR"),
                aws("empty sshFrom", "sshFrom: [203.0.113.7/32]", "sshFrom: []", "aws.sshFrom", 30,
                        "nobody could reach the bastion"),
                aws("allowFrom with a prefix past 32", "allowFrom: [10.100.0.0/16]", "allowFrom: [10.100.0.0/33]",
                        "aws.loadBalancer.allowFrom[0]", 31, "not an IPv4 CIDR"),
                aws("empty allowFrom", "allowFrom: [10.100.0.0/16]", "allowFrom: []", "aws.loadBalancer.allowFrom", 31,
                        "nobody could reach the load balancer"),
                aws("vpcCidr with three octets", "vpcCidr: 10.0.0.0/16", "vpcCidr: 10.0.0/16", "aws.vpcCidr", 27,
                        "not an IPv4 CIDR"),
                aws("vpcCidr larger than /16", "vpcCidr: 10.0.0.0/16", "vpcCidr: 10.0.0.0/8", "aws.vpcCidr", 27,
                        "between /16 and /28"),
                aws("broker subnet with host bits", "usw2-az1: 10.0.0.0/18", "usw2-az1: 10.0.0.1/18",
                        "aws.brokerSubnets.usw2-az1", 28, "the block starts at 10.0.0.0/18"),
                aws("broker subnet outside the VPC", "usw2-az3: 10.0.128.0/18", "usw2-az3: 10.1.128.0/18",
                        "aws.brokerSubnets.usw2-az3", 28, "outside the VPC 10.0.0.0/16"),
                aws("broker subnet keyed by AZ name", "usw2-az3: 10.0.128.0/18", "us-west-2c: 10.0.128.0/18",
                        "aws.brokerSubnets.us-west-2c", 28, "not an AZ ID"),
                aws("broker subnet keyed by AZ name: the form of an AZ ID told", "usw2-az3: 10.0.128.0/18",
                        "us-west-2c: 10.0.128.0/18", "aws.brokerSubnets.us-west-2c", 28, "'us-west-2c' is not an AZ ID:"
                                + " write <region-code>-az<N>, e.g. usw2-az1 (an AZ ID, not an AZ name such as us-west-2a)"),
                aws("bastion subnet in an AZ name", "bastionSubnet: {azId: usw2-az1", "bastionSubnet: {azId: us-west-2a",
                        "aws.bastionSubnet.azId", 29, "'us-west-2a' is not an AZ ID: write <region-code>-az<N>"),
                aws("bastion subnet overlapping a broker subnet", "cidr: 10.0.192.0/18", "cidr: 10.0.128.0/18",
                        "aws.bastionSubnet.cidr", 29, "overlaps 10.0.128.0/18"));
    }

    /** The one user's acls replaced; its problem at {@code privateLink.auth.users[0].<path>}. */
    private static Arguments acl(String name, String acls, String path, String words) {
        return bad("acls: " + name, AUTH, "auth: {users: [{name: u, passwordEnv: HOME, acls: " + acls + "}]}",
                "privateLink.auth.users[0]." + path, 13, words);
    }

    private static Arguments aws(String name, String find, String replace, String path, int line, String words) {
        return bad(name, RunbookInventory.LAST_BROKER, RunbookInventory.withAws(find, replace), path, line, words);
    }

    @Test
    void aPasswordFileWithALineBreakInsideIsRefusedWithoutPrintingIt() throws Exception {
        Path file = write(runbook.replace(AUTH, "auth: {users: [{name: tidb-cdc, passwordFile: pw, acls: changefeed}]}"));
        Path password = Files.writeString(file.resolveSibling("pw"), "first-half\nsecond-half\n");
        Files.setPosixFilePermissions(password, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        InventoryException e = assertThrows(InventoryException.class, () -> InventoryLoader.load(file));
        assertEquals("privateLink.auth.users[0].passwordFile", e.problems().get(0).path());
        assertTrue(e.getMessage().contains("control character") && !e.getMessage().contains("half"), e.getMessage());
        Files.writeString(password, "one line, kept out of the inventory\n");
        assertEquals("SCRAM-SHA-512", InventoryLoader.load(file).privateLink().auth().mechanism());
        assertEquals("one line, kept out of the inventory",
                InventoryLoader.load(file).privateLink().auth().users().get(0).password());
    }

    private static Arguments bad(String name, String find, String replace, String path, int line, String words) {
        return Arguments.of(name, find, replace, path, line, words);
    }

    @Test
    void aRunningClusterGetsScramOnExternalButNeverOurAuthorizer() throws Exception {
        String existing = RunbookInventory.TEXT.replace("brokers:",
                "existing: {configFile: /x, kafkaHome: /k, service: {systemd: kafka}}\nbrokers:");
        String scram = "auth: {users: [{name: tidb-cdc, passwordEnv: HOME}]}";
        InventoryLoader.load(RunbookInventory.write(existing.replace(AUTH, scram)));
        Path file = RunbookInventory.write(existing.replace(AUTH, scram.replace("}]}", "}], authorizer: true}")));
        InventoryException e = assertThrows(InventoryException.class, () -> InventoryLoader.load(file));
        assertTrue(e.problems().stream().anyMatch(p -> p.path().equals("privateLink.auth.authorizer")
                && p.message().contains("an existing: cluster keeps its own authorizer")), e.getMessage());
    }

    @Test
    void aRunningClusterKeepsItsOwnServiceNotAUnitOfOurs() throws Exception {
        Path file = RunbookInventory.write(RunbookInventory.TEXT.replace("  heap: 1g", "  heap: 1g\n  service: systemd")
                .replace("brokers:", "existing: {configFile: /x, kafkaHome: /k, service: {systemd: kafka}}\nbrokers:"));
        InventoryException e = assertThrows(InventoryException.class, () -> InventoryLoader.load(file));
        assertTrue(e.problems().stream().anyMatch(p -> p.path().equals("cluster.service") && p.line() == 8
                && p.message().contains("write existing.service instead")), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void namesTheFieldAndLine(String name, String find, String replace, String path, int line, String words)
            throws Exception {
        RunbookInventory.assertRefused(find, replace, path, line, words);
    }

    @Test
    void reportsEveryProblemAtOnce() throws Exception {
        String broken = runbook.replace("name: kafka-pl", "name: BAD").replace("azId: usw2-az2", "azId: x")
                .replace("heap: 1g", "heap: big");
        InventoryException e = assertThrows(InventoryException.class, () -> InventoryLoader.load(write(broken)));
        assertEquals(List.of("cluster.name", "cluster.heap", "brokers[1].azId"),
                e.problems().stream().map(Problem::path).toList());
    }

    @Test
    void syntaxErrorsNameTheLine() throws Exception {
        InventoryException e = assertThrows(InventoryException.class,
                () -> InventoryLoader.load(write(runbook.replace("  heap: 1g", "  heap: [1g"))));
        assertEquals("(syntax)", e.problems().get(0).path());
        assertTrue(e.problems().get(0).line() >= 8, e.getMessage());
    }

    @Test
    void theExampleInventoriesAreValid() throws Exception {
        Path file = write(Files.readString(Path.of("../inventories/runbook-us-west-2.yaml"))
                .replace("~/.plk/secrets/tidb-cdc", "tidb-cdc"));
        Path password = Files.writeString(file.resolveSibling("tidb-cdc"), "s3cret\n");
        Files.setPosixFilePermissions(password, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Inventory runbookExample = InventoryLoader.load(file);
        assertTrue(runbookExample.aws().isPresent());
        assertEquals("SCRAM-SHA-512", runbookExample.privateLink().auth().mechanism());
        String example = Files.readString(Path.of("../inventories/existing-cluster.yaml"));
        Inventory existing = InventoryLoader.load(write(example.replace("~/.ssh/kafka-vpc-key-pair.pem", "test-key.pem")));
        assertEquals(List.of("sudo", "systemctl", "stop", "kafka"),
                existing.existing().orElseThrow().serviceStop());
        assertEquals("/etc/kafka/server.properties", existing.brokers().get(2).configFile());
    }

    @Test
    void theRunbookInventoryIsValid() {
        Inventory inventory = InventoryLoader.load(DIR.resolve("runbook.yaml"));
        assertEquals(3, inventory.brokers().size());
        assertEquals("BRl69zcmTFmiPaoaANybiw", inventory.cluster().clusterId());
    }

    private static Path write(String yaml) throws Exception {
        return RunbookInventory.write(yaml);
    }
}
