package io.plk.orchestrator.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plk.orchestrator.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Values that would inject a line into server.properties or a word into a remote command, and
 * values no production cluster survives: each is refused with the field's path and line.
 */
class HostileInventoryTest {
    private static final String B1 = "  - {nodeId: 1, azId: usw2-az1, host: 10.0.0.12}\n";
    private static final String B2 = "  - {nodeId: 2, azId: usw2-az2, host: 10.0.64.12}\n";
    private static final String B3 = "  - {nodeId: 3, azId: usw2-az3, host: 10.0.128.12}\n";
    private static final String EXISTING = "existing: {configFile: /x, kafkaHome: /k, service: {systemd: kafka}}\n";
    private static final String runbook = RunbookInventory.TEXT;
    private static final String LAST_BROKER = RunbookInventory.LAST_BROKER;

    static Stream<Arguments> hostile() {
        return Stream.of(
                host("a line break injecting node.id", "\"10.0.0.12:9092\\nlog.dirs=/\\nnode.id=7\\n#\"",
                        "control character U+000A"),
                host("a port", "\"10.0.0.12:9092\"", "not an IPv4"),
                host("a space", "\"10.0.0.12 10.0.0.13\"", "not an IPv4"),
                host("a command", "\"10.0.0.12;touch x\"", "not an IPv4"),
                host("a command substitution", "\"$(id)\"", "not an IPv4"),
                host("a second listener", "\"10.0.0.12,EVIL://6.6.6.6\"", "not an IPv4"),
                host("an octet past 255", "999.0.0.12", "not an IPv4"),
                host("a tab", "\"10.0.0.12\\t\"", "control character U+0009"),
                bad("bastion host with backticks", "host: 54.186.149.187", "host: \"`id`\"", "ssh.bastion.host", 20,
                        "not an IPv4"),
                bad("bastion host with a line break", "host: 54.186.149.187", "host: \"54.186.149.187\\nx\"",
                        "ssh.bastion.host", 20, "control character"),
                bad("ssh user with a command", "  user: ec2-user", "  user: \"ec2-user; touch x\"", "ssh.user", 17,
                        "POSIX user name"),
                bad("ssh user with a path", "  user: ec2-user", "  user: ../etc", "ssh.user", 17, "POSIX user name"),
                bad("ssh user with capitals", "  user: ec2-user", "  user: Admin", "ssh.user", 17, "POSIX user name"),
                bad("ssh user with a line break", "  user: ec2-user", "  user: \"ec2\\nuser\"", "ssh.user", 17,
                        "control character"),
                bad("bastion user with a command substitution", "port: 22, user: ec2-user}",
                        "port: 22, user: \"$(id)\"}", "ssh.bastion.user", 20, "POSIX user name"),
                existing("systemd unit with a command", "{systemd: \"kafka; reboot\"}", "existing.service.systemd",
                        "not a systemd unit name"),
                existing("systemd unit that is an option", "{systemd: \"--now\"}", "existing.service.systemd",
                        "not starting with '-'"),
                existing("systemd unit with a command substitution", "{systemd: \"$(id)\"}",
                        "existing.service.systemd", "not a systemd unit name"),
                existing("start command with a line break", "{start: \"a\\nb\", stop: s}", "existing.service.start",
                        "control character"),
                existing("start command as a shell line", "{start: \"sudo systemctl start kafka; id\", stop: s}",
                        "existing.service.start", "[sudo, systemctl, start, kafka]"),
                existing("stop command as an empty list", "{start: s, stop: []}", "existing.service.stop",
                        "has no program"),
                existing("start argument with a line break", "{start: [s, \"a\\nb\"], stop: s}",
                        "existing.service.start", "control character"),
                bad("kafkaHome with a line break", "brokers:",
                        "existing: {configFile: /x, kafkaHome: \"/k\\n\", service: {systemd: kafka}}\nbrokers:",
                        "existing.kafkaHome", 21, "control character"),
                dataDir("with a line break", "\"data\\nnode.id=7\"", "control character"),
                dataDir("the root", "/", "the filesystem root"),
                dataDir("a parent of the home", "/home", "a parent of the home /home/ec2-user"),
                dataDir("the home", "/home/ec2-user", "the home /home/ec2-user"),
                dataDir("empty", "\"\"", "the home"),
                dataDir("'..'", "..", "contains '..'"),
                dataDir("a way out", "data/../../etc", "contains '..'"),
                bad("java home with a line break", "  heap: 1g", "  java: {home: \"/opt/jdk\\ntouch x\"}\n  heap: 1g",
                        "cluster.java.home", 7, "control character"),
                property("a key with a line break", "\"a\\nnode.id\": 7", "cluster.properties.a\nnode.id",
                        "not a Kafka configuration key"),
                property("a key with '='", "\"a=b\": 7", "cluster.properties.a=b", "not a Kafka configuration key"),
                property("a key with a space", "\"a b\": 7", "cluster.properties.a b", "not a Kafka configuration key"),
                property("a key starting with '#'", "\"#a\": 7", "cluster.properties.#a",
                        "not a Kafka configuration key"),
                property("a value with a line break", "num.partitions: \"3\\nnode.id=7\"",
                        "cluster.properties.num.partitions", "control character U+000A"),
                property("a value with a carriage return", "num.partitions: \"3\\rnode.id=7\"",
                        "cluster.properties.num.partitions", "control character U+000D"),
                derived("node.id", "brokers[].nodeId"),
                derived("process.roles", "brokers[].roles"),
                derived("controller.quorum.voters", "cluster.ports.controller"),
                derived("controller.quorum.bootstrap.servers", "brokers[].host"),
                derived("listeners", "cluster.ports"),
                derived("advertised.listeners", "privateLink.advertisedListenerPattern"),
                derived("inter.broker.listener.name", "INTERNAL"),
                derived("controller.listener.names", "CONTROLLER"),
                derived("listener.security.protocol.map", "PLAINTEXT"),
                derived("log.dirs", "cluster.dataDir"),
                derived("listener.name.external.sasl.enabled.mechanisms", "privateLink.auth.mechanism"),
                derived("listener.name.external.scram-sha-512.sasl.jaas.config", "privateLink.auth"),
                pattern("a line break", "<broker_id>.<az_id>.<unique_name>.x\\nnode.id=7\\n#:<port>",
                        "control character"),
                pattern("a second listener", "<broker_id>.<az_id>.<unique_name>.x:<port>,EVIL://e.com:<port>",
                        "has <port> 2 times"),
                pattern("a comma", "<broker_id>.<az_id>.<unique_name>.x,EVIL://e.com:<port>",
                        "',' is not allowed"),
                pattern("a placeholder twice", "<broker_id>.<broker_id>.<az_id>.<unique_name>.x:<port>",
                        "has <broker_id> 2 times"),
                pattern("an unknown placeholder", "<broker_id>.<az_id>.<unique_name>.<region>.x:<port>",
                        "'<region>' is not a placeholder"),
                pattern("text after the port", "<broker_id>.<az_id>.<unique_name>.x:<port>/x",
                        "does not end with ':<port>'"),
                pattern("the port before the host", "<port>:<broker_id>.<az_id>.<unique_name>.x",
                        "does not end with ':<port>'"),
                pattern("a space", "<broker_id>.<az_id>.<unique_name> x:<port>", "' ' is not allowed"),
                pattern("a backslash", "<broker_id>.<az_id>.<unique_name>.x\\\\:<port>", "'\\' is not allowed"),
                bad("plain http archive without sha512", "https://archive.apache.org", "http://archive.apache.org",
                        "cluster.kafka.archive", 6, "plain http"),
                bad("plain http java archive without sha512", "  heap: 1g",
                        "  java: {archive: \"http://example.com/jdk.tar.gz\"}\n  heap: 1g", "cluster.java.archive", 7,
                        "plain http"),
                bad("one voter", B2 + B3, "", "brokers", 21, "set cluster.allowSingleNode: true"),
                bad("two voters", B3, "", "brokers", 21, "even quorum"),
                bad("four voters", B3, B3 + "  - {nodeId: 4, azId: usw2-az1, host: 10.0.0.13}\n", "brokers", 21,
                        "even quorum"),
                bad("seven voters", B3, B3 + more(4, 7), "brokers", 21, "more than 5 voters"),
                bad("two regions", "azId: usw2-az3", "azId: use1-az3", "brokers[2].azId", 24, "one region"),
                sshFrom("0.0.0.0/0 on its own line", "\n    - 203.0.113.7/32\n    - 0.0.0.0/0", "aws.sshFrom[1]", 32,
                        "pass --allow-ssh-from-anywhere"),
                sshFrom("two halves that together are anywhere", " [0.0.0.0/1, 128.0.0.0/1]", "aws.sshFrom", 30,
                        "together are SSH to the bastion from anywhere"),
                allowFrom("0.0.0.0/0", "[0.0.0.0/0]", "aws.loadBalancer.allowFrom[0]", 31, "reached through PrivateLink"),
                allowFrom("blocks that together are anywhere", "[10.100.0.0/16, 0.0.0.0/1, 128.0.0.0/1]",
                        "aws.loadBalancer.allowFrom", 31, "write the CIDR of the client side"));
    }

    private static Arguments sshFrom(String name, String value, String path, int line, String words) {
        return bad("sshFrom " + name, LAST_BROKER, RunbookInventory.withAws("sshFrom: [203.0.113.7/32]",
                "sshFrom:" + value), path, line, words);
    }

    private static Arguments allowFrom(String name, String value, String path, int line, String words) {
        return bad("loadBalancer.allowFrom " + name, LAST_BROKER, RunbookInventory.withAws("allowFrom: [10.100.0.0/16]",
                "allowFrom: " + value), path, line, words);
    }

    private static String more(int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i <= to; i++) {
            b.append("  - {nodeId: ").append(i).append(", azId: usw2-az1, host: 10.0.0.").append(20 + i).append("}\n");
        }
        return b.toString();
    }

    private static Arguments host(String name, String value, String words) {
        return bad("broker host with " + name, "host: 10.0.0.12}", "host: " + value + "}", "brokers[0].host", 22,
                words);
    }

    private static Arguments existing(String name, String service, String path, String words) {
        return bad(name, "brokers:", "existing: {configFile: /x, kafkaHome: /k, service: " + service + "}\nbrokers:",
                path, 21, words);
    }

    private static Arguments dataDir(String name, String value, String words) {
        return bad("dataDir " + name, "dataDir: data", "dataDir: " + value, "cluster.dataDir", 8, words);
    }

    private static Arguments property(String name, String entry, String path, String words) {
        return bad("cluster.properties " + name, "  heap: 1g", "  heap: 1g\n  properties: {" + entry + "}", path, 8,
                words);
    }

    private static Arguments derived(String key, String field) {
        return property("setting " + key, key + ": x", "cluster.properties." + key, field);
    }

    private static Arguments pattern(String name, String value, String words) {
        return bad("pattern with " + name, "\"<broker_id>.<az_id>.<unique_name>.aws.plc.tidbcloud.com:<port>\"",
                "\"" + value + "\"", "privateLink.advertisedListenerPattern", 11, words);
    }

    private static Arguments bad(String name, String find, String replace, String path, int line, String words) {
        return Arguments.of(name, find, replace, path, line, words);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void refusedWithFieldAndLine(String name, String find, String replace, String path, int line, String words)
            throws Exception {
        Path file = RunbookInventory.assertRefused(find, replace, path, line, words);
        assertEquals(Main.BAD_INPUT, validate(file).exitCode);
    }

    @ParameterizedTest
    @ValueSource(strings = {"authorizer.class.name", "super.users", "allow.everyone.if.no.acl.found"})
    void theAuthorizersKeysAreRefusedWhileTheToolManagesItAndYoursOtherwise(String key) throws Exception {
        String scram = runbook.replace("auth: {mechanism: none}", "auth: {users: [{name: u, passwordEnv: HOME, acls: "
                + "changefeed}]}").replace("  heap: 1g", "  heap: 1g\n  properties: {" + key + ": x}");
        Path file = write(scram);
        InventoryException e = org.junit.jupiter.api.Assertions.assertThrows(InventoryException.class,
                () -> InventoryLoader.load(file));
        Problem problem = e.problems().get(0);
        assertEquals("cluster.properties." + key, problem.path(), e.getMessage());
        assertEquals(8, problem.line());
        assertTrue(problem.message().contains("managed with privateLink.auth.authorizer on"), problem.toString());
        assertEquals(Main.BAD_INPUT, validate(file).exitCode);
        Path own = write(scram.replace("{users:", "{authorizer: false, users:").replace(", acls: changefeed", ""));
        Validation yours = validate(own);
        assertEquals(0, yours.exitCode, "without the tool's authorizer, yours: " + yours.err);
    }

    @Test
    void aYamlAliasBombIsBadInput() throws Exception {
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'i'; c++) {
            char p = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [*").append(p).append(", *").append(p).append(", *")
                    .append(p).append(", *").append(p).append(", *").append(p).append(", *").append(p).append(", *")
                    .append(p).append(", *").append(p).append(", *").append(p).append("]\n");
        }
        Validation result = validate(write(runbook + bomb));
        assertEquals(Main.BAD_INPUT, result.exitCode, result.err);
        assertTrue(result.err.contains("aliases"), result.err);
    }

    @Test
    void aFileThatIsNotUtf8IsBadInputWithItsLine() throws Exception {
        Path file = write("");
        byte[] latin1 = runbook.replace("name: kafka-pl", "name: kafka-pl # caf\u00e9").getBytes(StandardCharsets.ISO_8859_1);
        Files.write(file, latin1);
        Validation result = validate(file);
        assertEquals(Main.BAD_INPUT, result.exitCode, result.err);
        assertTrue(result.err.contains("line 3: (file): is not UTF-8 (byte 0xE9"), result.err);
    }

    @Test
    void safeValuesStillLoad() throws Exception {
        String single = runbook.replace(B2 + B3, "").replace("  heap: 1g", "  heap: 1g\n  allowSingleNode: true");
        assertEquals(1, InventoryLoader.load(write(single)).brokers().size());
        String sha = "a".repeat(128);
        String http = runbook.replace("https://archive.apache.org", "http://archive.apache.org")
                .replace("  heap: 1g", "  java: {archive: \"http://example.com/jdk.tar.gz\", sha512: " + sha
                        + "}\n  heap: 1g\n  properties: {num.partitions: 3, listener.name.INTERNAL.x_y-z: \"a b\"}")
                .replace("    archive: http", "    sha512: " + sha + "\n    archive: http")
                .replace("host: 10.0.0.12}", "host: \"fd00::12\"}").replace("host: 10.0.64.12}", "host: b2.example}");
        Inventory inventory = InventoryLoader.load(write(http));
        assertEquals(sha, inventory.cluster().javaArchive().sha512());
        assertEquals("fd00::12", inventory.brokers().get(0).host());
        Inventory two = InventoryLoader.load(write(runbook.replace("brokers:", EXISTING + "brokers:").replace(B3, "")));
        assertEquals(2, two.brokers().size(), "an existing cluster keeps its own quorum");
    }

    @Test
    void sshFromAnywhereIsAcceptedWithTheOptInButAllowFromAnywhereIsNot() throws Exception {
        for (String anywhere : new String[] {"[0.0.0.0/0]", "[0.0.0.0/1, 128.0.0.0/1]"}) {
            Path ssh = write(runbook.replace(LAST_BROKER, RunbookInventory.withAws("sshFrom: [203.0.113.7/32]",
                    "sshFrom: " + anywhere)));
            assertEquals(Main.BAD_INPUT, validate(ssh).exitCode);
            Validation optedIn = validate(ssh, "--allow-ssh-from-anywhere");
            assertEquals(0, optedIn.exitCode, optedIn.err);
            Path lb = write(runbook.replace(LAST_BROKER, RunbookInventory.withAws("allowFrom: [10.100.0.0/16]",
                    "allowFrom: " + anywhere)));
            assertEquals(Main.BAD_INPUT, validate(lb, "--allow-ssh-from-anywhere").exitCode);
        }
    }

    private record Validation(int exitCode, String err) {
    }

    private static Validation validate(Path file, String... options) {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            String[] args = Stream.concat(Stream.of("validate", file.toString()), Stream.of(options))
                    .toArray(String[]::new);
            return new Validation(Main.execute(args), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
        }
    }

    private static Path write(String yaml) throws Exception {
        return RunbookInventory.write(yaml);
    }
}
