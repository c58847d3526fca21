package io.plk.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.plk.agent.tls.TestCertificates;
import io.plk.orchestrator.cli.Main;
import io.plk.orchestrator.inventory.InventoryLoader;
import io.plk.orchestrator.plan.BrokerPlan;
import io.plk.orchestrator.plan.Plan;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole runbook on the lab, for one Kafka version: apply through the bastion, TiDB Cloud's view
 * through HAProxy with the advertised names, logged in with SCRAM-SHA-512 (Kafka's Java client and
 * librdkafka's kcat), a no-op second apply, set-unique-name, a rolling restart under load, and a
 * broker that cannot start.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EndToEndContract {
    private static final Path WORK = Path.of("target/e2e").toAbsolutePath();
    static Lab lab;
    static Path inventory;
    private static ClientKafka client;

    /** The system property naming the Kafka archive this run installs. */
    abstract String archiveProperty();

    @BeforeAll
    void startLab() throws Exception {
        Path archive = Path.of(System.getProperty(archiveProperty())).toAbsolutePath();
        Lab.down("plk-e2e"); // leftovers of an interrupted earlier run of this test
        lab = Lab.start(LabOptions.forTest("plk-e2e", WORK));
        inventory = WORK.resolve("lab.yaml");
        lab.writeInventory(inventory, archive);
        client = new ClientKafka(lab, archive);
    }

    @AfterAll
    void stopLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    @Order(1)
    void applyThenTheCloudSideProducesAndConsumesThroughTheLoadBalancer() throws Exception {
        Run apply = run("apply", inventory.toString());
        assertEquals(0, apply.exit, apply.out);
        assertTrue(apply.out.contains("registered and unfenced"), apply.out);
        assertTrue(apply.out.contains("TiDB Cloud's Kafka sink: SASL mechanism SCRAM-SHA-512, user " + Lab.CLOUD_USER
                + ", the password in " + lab.cloudPasswordFile() + ", TLS off"), apply.out);
        Plan plan = plan();
        lab.loadBalancer().route(plan.loadBalancerListeners());
        assertTrue(InventoryLoader.load(inventory).cluster().clusterId() != null, "cluster id written back");
        JsonNode verified = throughLoadBalancer(plan, "unique_name");
        assertEquals(Set.of(1, 2, 3), leaders(verified), "each broker led a partition: every per-broker port works");
        Run verify = run("verify", inventory.toString());
        assertEquals(0, verify.exit, verify.out);
    }

    @Test
    @Order(2)
    void onlyTheCloudUserWithItsPasswordGetsInAndThePasswordIsWrittenNowhere() throws Exception {
        Plan plan = plan();
        String bootstrap = plan.brokers().get(0).externalHost() + ":" + plan.bootstrapPort();
        JsonNode wrong = client.agent("verify", Map.of("bootstrap", bootstrap, "timeoutSeconds", 20,
                "scramUsers", List.of(cloudUser("not-" + lab.cloudPassword()))));
        assertEquals("failed", wrong.get("status").asText(), wrong.toString());
        assertTrue(wrong.get("msg").asText().contains("Authentication failed"), wrong.toString());
        JsonNode anonymous = client.agent("verify", Map.of("bootstrap", bootstrap, "timeoutSeconds", 20));
        assertEquals("failed", anonymous.get("status").asText(), anonymous.toString());

        String topic = "cloud-kcat";
        client.agent("verify", Map.of("bootstrap", bootstrap, "topic", topic,
                "scramUsers", List.of(cloudUser(lab.cloudPassword()))));
        LabHost cloud = lab.client().host();
        cloud.copyIn("security.protocol=SASL_PLAINTEXT\nsasl.mechanisms=SCRAM-SHA-512\nsasl.username="
                + Lab.CLOUD_USER + "\nsasl.password=" + lab.cloudPassword() + "\n", "/root/kcat.conf", 0600);
        if (plan.kafkaVersion().orElseThrow().major() < 4) {
            cloud.sh("seq 1 30 | sed 's/^/kcat-/' | kcat -F /root/kcat.conf -b " + bootstrap + " -t " + topic + " -P");
            String consumed = cloud.sh("kcat -F /root/kcat.conf -b " + bootstrap + " -t " + topic
                    + " -C -e -q -o beginning");
            assertEquals(30, consumed.lines().filter(l -> l.startsWith("kcat-")).distinct().count(), consumed);
        } else {
            // what apply warns about: this librdkafka (2.0.2) gets Kafka 4's strict nonce check wrong
            ExecResult old = cloud.exec("kcat", "-F", "/root/kcat.conf", "-b", bootstrap, "-L", "-m", "15");
            assertTrue(old.exitCode() != 0 && (old.stdout() + old.stderr()).contains("invalid credentials"),
                    old.toString());
        }
        cloud.copyIn("security.protocol=SASL_PLAINTEXT\nsasl.mechanisms=SCRAM-SHA-512\nsasl.username="
                + Lab.CLOUD_USER + "\nsasl.password=wrong\n", "/root/wrong.conf", 0600);
        ExecResult refused = cloud.exec("kcat", "-F", "/root/wrong.conf", "-b", bootstrap, "-L", "-m", "15");
        assertTrue(refused.exitCode() != 0 && (refused.stdout() + refused.stderr()).contains("Authentication failed"),
                refused.toString());

        String old = lab.cloudPassword();
        Files.writeString(lab.cloudPasswordFile(), "rotated-" + java.util.UUID.randomUUID() + "\n");
        Run rotate = run("apply", inventory.toString());
        assertEquals(0, rotate.exit, rotate.out);
        assertTrue(rotate.out.contains("wrote the credentials of " + Lab.CLOUD_USER), rotate.out);
        assertFalse(rotate.out.contains("] restarted {"), "a rotation restarts nothing:\n" + rotate.out);
        // every broker takes the new credential from the metadata log, a moment apart
        JsonNode rotated = until("ok", Map.of("bootstrap", bootstrap, "topic", topic,
                "scramUsers", List.of(cloudUser(lab.cloudPassword()))));
        assertEquals("ok", rotated.get("status").asText(), "the new password: " + rotated);
        JsonNode stale = until("failed", Map.of("bootstrap", bootstrap, "timeoutSeconds", 20,
                "scramUsers", List.of(cloudUser(old))));
        assertEquals("failed", stale.get("status").asText(), "the old password: " + stale);

        PasswordSearch.assertWrittenNowhere(lab, WORK);
    }

    /** The client's verify, again for up to 30 s until its status is the one expected; the last answer. */
    private static JsonNode until(String status, Map<String, Object> request) throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        JsonNode answer = client.agent("verify", request);
        while (!answer.get("status").asText().equals(status) && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            answer = client.agent("verify", request);
        }
        return answer;
    }

    private static Map<String, String> cloudUser(String password) {
        return Map.of("name", Lab.CLOUD_USER, "mechanism", "SCRAM-SHA-512", "password", password);
    }

    @Test
    @Order(3)
    void aSecondApplyChangesNothingAndRestartsNothing() throws Exception {
        Map<Integer, String> startsBefore = starts();
        Run again = run("apply", inventory.toString());
        assertEquals(0, again.exit, again.out);
        assertFalse(again.out.contains("changed:"), again.out);
        assertTrue(again.out.contains("bytes sent over the operator's link: 0"), again.out);
        assertEquals(startsBefore, starts(), "no broker was started again");
    }

    @Test
    @Order(4)
    void setUniqueNameRollsAndTheCloudSideUsesTheNewNames() throws Exception {
        Run renamed = run("set-unique-name", inventory.toString(), "dvs6nl5jgveztmla3pxkxgh76i");
        assertEquals(0, renamed.exit, renamed.out);
        assertTrue(Files.readString(inventory).contains("uniqueName: dvs6nl5jgveztmla3pxkxgh76i"));
        JsonNode verified = throughLoadBalancer(plan(), "dvs6nl5jgveztmla3pxkxgh76i");
        for (JsonNode node : verified.at("/facts/advertised")) {
            assertFalse(node.get("host").asText().contains("unique_name"), verified.toString());
        }
    }

    @Test
    @Order(5)
    void rollingRestartUnderLoadLosesAndDuplicatesNothing() throws Exception {
        Plan plan = plan();
        Run status = run("status", inventory.toString());
        String leader = status.out.lines().filter(l -> l.contains(" leader lag ")).map(l -> l.split("\\s+")[0])
                .findFirst().orElseThrow(() -> new AssertionError("no quorum leader in:\n" + status.out));
        try (LoadGenerator load = LoadGenerator.start(plan.internalBootstrap(), "plk-roll")) {
            load.awaitAcked(200);
            Run roll = run("rolling-restart", inventory.toString());
            assertEquals(0, roll.exit, roll.out);
            load.awaitAcked(load.acked() + 200);
            load.stopAndCount().assertNothingLostOrDuplicated();
            assertActiveControllerLast(roll.out, leader);
        }
    }

    @Test
    @Order(6)
    void aBrokerThatCannotStartStopsTheRollAndARerunAfterTheFixCompletes() throws Exception {
        String good = Files.readString(inventory);
        Files.writeString(inventory, good.replace("  heap: 256m", "  heap: 256m\n  properties: {num.network.threads: \"0\"}"));
        Run broken = run("apply", inventory.toString());
        assertEquals(1, broken.exit, broken.out);
        assertTrue(broken.err.contains("num.network.threads"), "the broker's log tail explains it:\n" + broken.err);
        long restarted = broken.out.lines().filter(l -> l.startsWith("changed: ") && l.contains("restarted")).count();
        assertEquals(0, restarted, "the roll stopped at the first broker:\n" + broken.out);
        Files.writeString(inventory, good);
        Run fixed = run("apply", inventory.toString());
        assertEquals(0, fixed.exit, fixed.out);
        Run status = run("status", inventory.toString());
        assertEquals(0, status.exit, status.out);
        assertEquals(3, status.out.lines().filter(l -> l.contains("in sync") && l.contains("pid")).count(), status.out);
        PasswordSearch.assertWrittenNowhere(lab, WORK); // after a roll and a failed apply too
    }

    @Test
    @Order(7)
    void aRebootedBrokerComesBackOnItsOwnAndTheClusterHeals() throws Exception {
        Run before = run("status", inventory.toString());
        assertEquals(3, before.out.lines().filter(l -> l.contains("unit active, enabled")).count(), before.out);
        Plan plan = plan();
        LabHost broker = lab.broker(2).host();
        String unitPid = "systemctl show -p MainPID --value plk-kafka-2.service";
        String pidBefore = broker.sh(unitPid).strip();
        long start = System.nanoTime();
        broker.reboot();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", plan.internalBootstrap()))) {
            long deadline = start + java.time.Duration.ofSeconds(120).toNanos();
            while (!startedAgain(broker, unitPid, pidBefore) || !healed(admin)) {
                assertTrue(System.nanoTime() < deadline, "broker 2 did not come back with 0 under-replicated partitions");
                Thread.sleep(500);
            }
        }
        System.out.printf("reboot of broker 2: registered again, 0 under-replicated partitions after %d ms, no tool run%n",
                (System.nanoTime() - start) / 1_000_000);
        Run after = run("status", inventory.toString());
        assertEquals(0, after.exit, after.out);
        assertEquals(3, after.out.lines().filter(l -> l.contains("unit active, enabled")).count(), after.out);
    }

    @Test
    @Order(9)
    void tlsOnExternalRollsInAndTheCloudSideChecksTheBrokersNames() throws Exception {
        Plan before = plan();
        List<String> names = before.brokers().stream().map(BrokerPlan::externalHost).toList();
        Path dir = WORK.resolve("tls");
        if (Files.isDirectory(dir)) { // an earlier version's run in this folder: its CA must not be reused
            try (var old = Files.walk(dir)) {
                old.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        Files.createDirectories(dir);
        TestCertificates ca = TestCertificates.authority(dir, "lab-ca");
        TestCertificates.Issued issued = ca.issue("brokers", "RSA", names, null, 30);
        issued.writeTo(dir, "brokers");
        Files.writeString(dir.resolve("ca.pem"), ca.certificate());
        String plaintext = Files.readString(inventory);
        Files.writeString(inventory, plaintext.replace("privateLink:\n",
                "privateLink:\n  tls: {certificate: tls/brokers.pem, key: tls/brokers.key, ca: tls/ca.pem}\n"));

        Run apply = run("apply", inventory.toString());
        assertEquals(0, apply.exit, apply.out);
        assertTrue(apply.out.contains("EXTERNAL switches from SASL_PLAINTEXT to SASL_SSL"), apply.out);
        assertEquals(3, apply.out.lines().filter(l -> l.contains("] restarted {")).count(), apply.out);
        assertTrue(apply.out.contains(", TLS on"), apply.out);

        String bootstrap = names.get(0) + ":" + before.bootstrapPort();
        Map<String, Object> login = new java.util.HashMap<>(Map.of("bootstrap", bootstrap, "timeoutSeconds", 20,
                "topic", "cloud-tls", "scramUsers", List.of(cloudUser(lab.cloudPassword()))));
        login.put("externalCa", ca.certificate());
        JsonNode verified = client.agent("verify", login);
        assertEquals("ok", verified.get("status").asText(), "SASL_SSL, the host name checked: " + verified);
        login.put("externalCa", TestCertificates.authority(dir, "someone-else").certificate());
        JsonNode otherCa = client.agent("verify", login);
        assertEquals("failed", otherCa.get("status").asText(), otherCa.toString());
        login.remove("externalCa");
        JsonNode plain = client.agent("verify", login);
        assertEquals("failed", plain.get("status").asText(), "SASL without TLS: " + plain);

        String keyLine = issued.privateKey().lines().skip(5).findFirst().orElseThrow();
        for (LabBroker broker : lab.brokers()) {
            String holders = broker.host().sh("grep -rlF -e '" + keyLine + "' /home /tmp /etc /opt /var/log 2>/dev/null"
                    + " || true").strip();
            assertEquals("/home/ec2-user/config/external-tls.pem", holders, "the key on " + broker);
            assertEquals("600 ec2-user", broker.host().sh("stat -c '%a %U' " + holders).strip());
        }
        assertEquals("", lab.bastion().sh("grep -rlF -e '" + keyLine + "' /home /tmp /etc /opt 2>/dev/null || true")
                .strip(), "the key on the bastion");
        PasswordSearch.assertWrittenNowhere(lab, WORK);
    }

    /** systemd started the unit again after the boot: another main process, not none. */
    private static boolean startedAgain(LabHost broker, String unitPid, String before) {
        try {
            String now = broker.sh(unitPid).strip();
            return !now.equals(before) && !now.equals("0") && !now.isEmpty();
        } catch (RuntimeException stillBooting) {
            return false;
        }
    }

    /** Broker 2 registered again, every replica of every partition back in sync. */
    private static boolean healed(Admin admin) {
        try {
            if (admin.describeCluster().nodes().get().stream().noneMatch(n -> n.id() == 2)) {
                return false;
            }
            var topics = admin.describeTopics(admin.listTopics().names().get()).allTopicNames().get();
            return topics.values().stream().flatMap(t -> t.partitions().stream())
                    .allMatch(p -> p.isr().size() == p.replicas().size());
        } catch (Exception notYet) {
            return false;
        }
    }

    private static void assertActiveControllerLast(String out, String leaderHost) {
        List<String> restarts = out.lines().filter(l -> l.contains("] restarted {")).toList();
        assertEquals(3, restarts.size(), out);
        assertTrue(restarts.get(2).contains("(" + leaderHost + ","), "the active controller " + leaderHost
                + " restarts last:\n" + String.join("\n", restarts));
    }

    private JsonNode throughLoadBalancer(Plan plan, String uniqueName) throws Exception {
        List<String> names = new ArrayList<>();
        for (BrokerPlan broker : plan.brokers()) {
            names.add(broker.externalHost());
            assertTrue(broker.externalHost().contains(uniqueName));
        }
        lab.client().mapNames(names);
        String bootstrap = plan.brokers().get(0).externalHost() + ":" + plan.bootstrapPort();
        JsonNode verified = client.agent("verify", Map.of("bootstrap", bootstrap, "topic", "cloud-" + uniqueName.hashCode(),
                "scramUsers", List.of(cloudUser(lab.cloudPassword()))));
        assertEquals("ok", verified.get("status").asText(), verified.toString());
        assertEquals(10, verified.at("/facts/consumed").asInt());
        List<String> advertised = new ArrayList<>();
        verified.at("/facts/advertised").forEach(n -> advertised.add(n.get("host").asText() + ":" + n.get("port").asInt()));
        assertEquals(plan.brokers().stream().map(b -> b.externalAdvertised().toString()).toList(), advertised);
        return verified;
    }

    private static Set<Integer> leaders(JsonNode verified) {
        Set<Integer> leaders = new TreeSet<>();
        verified.at("/facts/leaders").forEach(l -> leaders.add(l.asInt()));
        return leaders;
    }

    /** Every message in a 3-partition topic, read from the beginning over the INTERNAL listeners. */
    static long countMessages(String bootstrap, String topic) {
        long[] count = {0};
        TopicReader.readAll(bootstrap, topic, java.time.Duration.ofSeconds(30), record -> count[0]++);
        return count[0];
    }

    private static Map<Integer, String> starts() {
        Map<Integer, String> starts = new java.util.TreeMap<>();
        for (LabBroker broker : lab.brokers()) {
            starts.put(broker.nodeId(), broker.host().sh("cat /home/ec2-user/.plk/starts").strip());
        }
        return starts;
    }

    private static Plan plan() {
        return Plan.of(InventoryLoader.load(inventory));
    }

    record Run(int exit, String out, String err) {
    }

    static synchronized Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        System.setOut(new PrintStream(new TeeStream(stdout, out), true));
        System.setErr(new PrintStream(new TeeStream(stderr, err), true));
        try {
            int exit = Main.execute(args);
            return new Run(exit, stdout.toString(), stderr.toString());
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
