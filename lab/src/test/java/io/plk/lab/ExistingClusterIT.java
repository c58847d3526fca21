package io.plk.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.plk.orchestrator.inventory.InventoryLoader;
import io.plk.orchestrator.plan.BrokerPlan;
import io.plk.orchestrator.plan.Plan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The runbook's second path: a KRaft cluster set up by hand (by this test) without an EXTERNAL
 * listener, holding data, exposed in place by {@code apply} with an {@code existing:} section.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExistingClusterIT {
    private static final Path WORK = Path.of("target/existing").toAbsolutePath();
    private static final Path ARCHIVE = Path.of("../kafka-dist/target/kafka_2.13-3.7.1.tgz").toAbsolutePath();
    private static final String CONFIG = "/opt/kafka/config/server.properties";
    private static final String START = "cd /opt/kafka && KAFKA_HEAP_OPTS=-Xmx256m setsid bin/kafka-server-start.sh "
            + CONFIG + " > /opt/kafka/logs/console.log 2>&1 < /dev/null &";
    // [k]: the pattern must not match the shell that runs pkill
    private static final String STOP = "pkill -TERM -f '[k]afka.Kafka " + CONFIG + "'";
    private static Lab lab;
    private static Path inventory;

    @BeforeAll
    static void clusterWithoutExternalListener() throws Exception {
        Lab.down("plk-existing"); // leftovers of an interrupted earlier run of this test
        lab = Lab.start(LabOptions.forTest("plk-existing", WORK));
        String voters = lab.brokers().stream().map(b -> b.nodeId() + "@" + b.privateIp() + ":29092")
                .collect(Collectors.joining(","));
        for (LabBroker broker : lab.brokers()) {
            LabHost host = broker.host();
            host.copyIn(ARCHIVE, "/tmp/kafka.tgz");
            host.sh("mkdir -p /opt/kafka/logs && tar -xzf /tmp/kafka.tgz -C /opt/kafka --strip-components=1");
            host.copyIn(handWrittenConfig(broker, voters), CONFIG, 0644);
            host.sh("chown -R ec2-user: /opt/kafka");
            host.sh("su ec2-user -c 'java -cp \"/opt/kafka/libs/*\" kafka.tools.StorageTool format "
                    + "-t BRl69zcmTFmiPaoaANybiw -c " + CONFIG + "'");
            host.sh("su ec2-user -c '" + START.replace("'", "'\\''") + "'");
        }
        inventory = WORK.resolve("existing.yaml");
        writeInventory(false);
        produceBeforeExposing(internalBootstrap(), 100);
    }

    /** The lab's inventory as a running cluster's: its ACLs, if any, are its team's, so the cloud user gets none. */
    private static void writeInventory(boolean authenticated) throws Exception {
        lab.writeInventory(inventory, ARCHIVE, authenticated);
        Files.writeString(inventory, Files.readString(inventory).replaceAll(", acls: \\[.*]}\n", "}\n") + """
                existing:
                  configFile: %s
                  service: {start: [sh, -c, "%s"], stop: [sh, -c, "%s"]}
                """.formatted(CONFIG, START.replace("\"", "\\\""), STOP.replace("\"", "\\\"")));
    }

    @AfterAll
    static void stopLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    @Order(1)
    void applyAddsOnlyTheExternalListenerRestartsOneByOneAndKeepsTheData() throws Exception {
        byte[] before = lab.broker(1).host().sh("cat " + CONFIG).getBytes();
        EndToEndContract.Run apply = EndToEndContract.run("apply", inventory.toString());
        assertEquals(0, apply.exit(), apply.out());
        assertEquals(3, apply.out().lines().filter(l -> l.contains("] restarted {")).count(), apply.out());
        String patched = lab.broker(1).host().sh("cat " + CONFIG);
        List<String> changedLines = patched.lines().filter(l -> !new String(before).lines().toList().contains(l))
                .toList();
        assertEquals(3, changedLines.size(), "only listeners, advertised.listeners and the protocol map: " + changedLines);
        assertTrue(patched.contains("# hand-written by the team that runs this cluster"), "comments kept");

        Plan plan = Plan.of(InventoryLoader.load(inventory));
        lab.loadBalancer().route(plan.loadBalancerListeners());
        lab.client().mapNames(plan.brokers().stream().map(BrokerPlan::externalHost).toList());
        ClientKafka client = new ClientKafka(lab, ARCHIVE);
        JsonNode verified = client.agent("verify", Map.of("bootstrap",
                plan.brokers().get(0).externalHost() + ":" + plan.bootstrapPort()));
        assertEquals("ok", verified.get("status").asText(), verified.toString());
        assertEquals(100, EndToEndContract.countMessages(internalBootstrap(), "before-expose"), "data written before");

        EndToEndContract.Run again = EndToEndContract.run("apply", inventory.toString());
        assertEquals(0, again.exit(), again.out());
        assertFalse(again.out().contains("changed:"), again.out());
    }

    @Test
    @Order(2)
    void switchingTheRunningClusterToScramRollsItUnderLoadAndLosesNothing() throws Exception {
        String plaintext = lab.broker(1).host().sh("cat " + CONFIG);
        writeInventory(true);
        Plan plan = Plan.of(InventoryLoader.load(inventory));
        EndToEndContract.Run apply;
        try (LoadGenerator load = LoadGenerator.start(internalBootstrap(), "plk-switch")) {
            load.awaitAcked(200);
            apply = EndToEndContract.run("apply", inventory.toString());
            assertEquals(0, apply.exit(), apply.out());
            load.awaitAcked(load.acked() + 200);
            load.stopAndCount().assertNothingLostOrDuplicated();
        }
        assertTrue(apply.out().contains("EXTERNAL switches from PLAINTEXT to SASL_PLAINTEXT"), apply.out());
        assertEquals(3, apply.out().lines().filter(l -> l.contains("] restarted {")).count(), apply.out());
        String secured = lab.broker(1).host().sh("cat " + CONFIG);
        List<String> before = plaintext.lines().toList();
        List<String> changed = secured.lines().filter(l -> !before.contains(l)).toList();
        assertEquals(List.of("listener.name.external.sasl.enabled.mechanisms=SCRAM-SHA-512",
                "listener.name.external.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram."
                + "ScramLoginModule required;", "listener.security.protocol.map=INTERNAL:PLAINTEXT,CONTROLLER:"
                + "PLAINTEXT,EXTERNAL:SASL_PLAINTEXT"), changed.stream().sorted().toList(),
                "only the protocol map and the two EXTERNAL lines");

        ClientKafka client = new ClientKafka(lab, ARCHIVE);
        String bootstrap = plan.brokers().get(0).externalHost() + ":" + plan.bootstrapPort();
        JsonNode loggedIn = client.agent("verify", Map.of("bootstrap", bootstrap, "topic", "cloud-after-switch",
                "scramUsers", List.of(Map.of("name", Lab.CLOUD_USER, "mechanism", "SCRAM-SHA-512",
                        "password", lab.cloudPassword()))));
        assertEquals("ok", loggedIn.get("status").asText(), loggedIn.toString());
        JsonNode anonymous = client.agent("verify", Map.of("bootstrap", bootstrap, "timeoutSeconds", 20));
        assertEquals("failed", anonymous.get("status").asText(), anonymous.toString());
        assertEquals(100, EndToEndContract.countMessages(internalBootstrap(), "before-expose"), "data written before");
        PasswordSearch.assertWrittenNowhere(lab, WORK);
    }

    private static String handWrittenConfig(LabBroker broker, String voters) {
        return """
                # hand-written by the team that runs this cluster
                process.roles = broker,controller
                node.id=%d
                controller.quorum.voters=%s

                listeners=INTERNAL://0.0.0.0:9092,CONTROLLER://0.0.0.0:29092
                advertised.listeners=INTERNAL://%s:9092
                inter.broker.listener.name=INTERNAL
                controller.listener.names=CONTROLLER
                listener.security.protocol.map=INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT
                log.dirs=/opt/kafka/data
                # keep a week
                log.retention.hours=168
                """.formatted(broker.nodeId(), voters, broker.privateIp());
    }

    private static String internalBootstrap() {
        return lab.brokers().stream().map(b -> b.privateIp() + ":9092").collect(Collectors.joining(","));
    }

    private static void produceBeforeExposing(String bootstrap, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            while (admin.describeCluster().nodes().get().size() < 3) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the hand-made cluster did not come up");
                }
                Thread.sleep(500);
            }
            admin.createTopics(List.of(new NewTopic("before-expose", 3, (short) 3))).all().get();
        }
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>("before-expose", "m" + i)).get();
            }
        }
    }
}
