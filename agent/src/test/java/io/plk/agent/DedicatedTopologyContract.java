package io.plk.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import io.plk.agent.kafka.KafkaVersion;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The production topology on this machine, driven only through the agent jar: controllers 1-3 (controller only)
 * and brokers 4-6 (broker only, in usw2-az1..3), 256 MiB heaps, SASL on EXTERNAL and the authorizer on, as apply
 * renders them. A fourth broker, 7 in usw2-az1, joins the running cluster, takes replicas, and is scaled in again:
 * emptied under a throttle, stopped, unregistered. With a dynamic quorum a fourth controller, 8, joins as an
 * observer, is added as a voter and removed again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class DedicatedTopologyContract {
    private static final String CLUSTER_ID = "q1Sh-9_ISia_zwGINzRvyQ";
    private static final AgentProcess AGENT = new AgentProcess(Path.of(System.getProperty("plk.agent.jar")));
    private static final int SCALE_IN_MESSAGES = 3000;
    private final Path root;
    private final Path archive;
    private final boolean dynamic;
    private final Map<Integer, Map<String, Object>> nodes = new LinkedHashMap<>();
    private final Map<Integer, Integer> controllerPorts = new LinkedHashMap<>();
    private String template;
    private String initialControllers;

    /**
     * @param archiveProperty the system property naming the Kafka archive to install
     * @param dynamic         a dynamic quorum (KIP-853, Kafka 3.9+) instead of static voters
     */
    DedicatedTopologyContract(String archiveProperty, boolean dynamic) {
        this.archive = Path.of(System.getProperty(archiveProperty)).toAbsolutePath();
        this.dynamic = dynamic;
        this.root = Path.of("target/dedicated-" + (dynamic ? "dynamic-" : "static-")
                + archive.getFileName().toString().replace(".tgz", ""));
    }

    @BeforeAll
    void plan() throws Exception {
        LocalNodes.deleteTestFolder(root);
        template = Files.readString(Path.of("../templates/server.properties.ftl"));
        for (int id = 1; id <= 3; id++) {
            controllerPorts.put(id, LocalNodes.freePort());
        }
        List<String> initial = new ArrayList<>();
        controllerPorts.forEach((id, port) -> initial.add(id + "@127.0.0.1:" + port + ":" + Uuid.randomUuid()));
        initialControllers = String.join(",", initial);
        for (int id = 4; id <= 7; id++) {
            nodes.put(id, broker(id, LocalNodes.freePort(), LocalNodes.freePort()));
        }
        for (int id = 1; id <= 3; id++) {
            nodes.put(id, controller(id, controllerPorts.get(id)));
        }
        if (dynamic) {
            Map<String, Object> joining = controller(8, LocalNodes.freePort());
            joining.remove("initialControllers");
            joining.put("joinQuorum", true);
            nodes.put(8, joining);
        }
    }

    @AfterAll
    void stopEverything() throws Exception {
        LocalNodes.stopAll(AGENT, nodes.values());
    }

    @Test
    @Order(1)
    void installConfigureAndFormatEveryRole() throws Exception {
        for (int id : List.of(1, 2, 3, 4, 5, 6, 7)) {
            Map<String, Object> node = nodes.get(id);
            assertEquals("changed", AGENT.run("install", node).get("status").asText());
            JsonNode configured = AGENT.run("configure", node);
            assertEquals("changed", configured.get("status").asText(), configured.toString());
        }
        if (dynamic) {
            Map<String, Object> unseated = new HashMap<>(nodes.get(1));
            unseated.remove("initialControllers");
            JsonNode refused = AGENT.run("format", unseated);
            assertEquals("failed", refused.get("status").asText());
            assertTrue(refused.get("msg").asText().contains("request lacks 'initialControllers' or 'joinQuorum'"),
                    refused.toString());
            assertFalse(Files.exists(Path.of(LocalNodes.dataDir(unseated), "meta.properties")), "nothing formatted");
        }
        for (int id : List.of(1, 2, 3, 4, 5, 6, 7)) {
            JsonNode formatted = AGENT.run("format", nodes.get(id));
            assertEquals("changed", formatted.get("status").asText(), formatted.toString());
        }
        JsonNode controllerFacts = AGENT.run("facts", nodes.get(1)).get("facts");
        assertEquals(dynamic ? "dynamic" : "static", controllerFacts.get("quorumMode").asText());
        assertEquals("[\"controller\"]", controllerFacts.get("roles").toString());
        assertEquals("[\"broker\"]", AGENT.run("facts", nodes.get(4)).at("/facts/roles").toString());
    }

    @Test
    @Order(2)
    void everyNodeStartsAndAControllerSubjectAnswersHealth() throws Exception {
        // as apply starts them: the voters at once, the brokers once the quorum stands
        List<JsonNode> started = new ArrayList<>(LocalNodes.startAll(AGENT, List.of(nodes.get(1), nodes.get(2),
                nodes.get(3))));
        started.addAll(LocalNodes.startAll(AGENT, List.of(nodes.get(4), nodes.get(5), nodes.get(6))));
        for (JsonNode start : started) {
            assertEquals("changed", start.get("status").asText(), start.toString());
        }
        assertTrue(started.get(0).get("msg").asText().endsWith("controller 1 in the metadata quorum and caught up"),
                started.get(0).toString());
        assertTrue(started.get(3).get("msg").asText().endsWith("broker 4 registered and unfenced"),
                started.get(3).toString());
        JsonNode health = LocalNodes.awaitHealth(AGENT, nodes.get(2), h -> h.at("/facts/canRestart").asBoolean()
                && h.at("/facts/quorumHealthy").asBoolean());
        assertEquals(List.of(4, 5, 6), LocalNodes.ints(health.at("/facts/liveBrokers")));
        assertTrue(Set.of(1, 2, 3).contains(health.at("/facts/quorumLeader").asInt()), health.toString());
        assertEquals(3, health.at("/facts/voters").size());
        assertTrue(health.at("/facts/caughtUp").asBoolean(), health.toString());
        assertTrue(health.at("/facts/inIsr").asBoolean());
        assertEquals("[\"controller-only node 2 hosts no replicas\"]", health.at("/facts/inIsrReasons").toString());
        assertFalse(health.at("/facts/registered").asBoolean());
        JsonNode broker = LocalNodes.awaitHealth(AGENT, nodes.get(5), h -> h.at("/facts/canRestart").asBoolean());
        assertTrue(broker.at("/facts/registered").asBoolean());
    }

    @Test
    @Order(3)
    void messagesGoThroughTheBrokers() throws Exception {
        Map<String, Object> verify = new HashMap<>(nodes.get(4));
        verify.put("bootstrap", brokers(4, 5, 6));
        JsonNode verified = AGENT.run("verify", verify);
        assertEquals("ok", verified.get("status").asText(), verified.toString());
        assertEquals(10, verified.at("/facts/consumed").asInt());
    }

    @Test
    @Order(4)
    void aFourthBrokerJoinsTheRunningCluster() throws Exception {
        JsonNode started = AGENT.run("start", nodes.get(7));
        assertEquals("changed", started.get("status").asText(), started.toString());
        try (Admin admin = admin()) {
            assertEquals(Set.of(4, 5, 6, 7), admin.describeCluster().nodes().get().stream().map(Node::id)
                    .collect(Collectors.toSet()));
            // every partition on 7, with 4 (in 7's rack) outside, so the move has one right answer per partition
            admin.createTopics(List.of(new NewTopic("scale-in", Map.of(0, List.of(7, 5, 6), 1, List.of(5, 7, 6),
                    2, List.of(6, 5, 7), 3, List.of(7, 4, 5))))).all().get();
        }
        awaitLeaders("scale-in");
        produce("scale-in", SCALE_IN_MESSAGES);
    }

    @Test
    @Order(5)
    void reassignEmptiesTheBrokerUnderAThrottleAndRemovesIt() throws Exception {
        Map<String, Object> reassign = scaleIn(7);
        reassign.put("check", true);
        JsonNode planned = AGENT.run("reassign", reassign);
        assertEquals("changed", planned.get("status").asText(), planned.toString());
        assertEquals(4, planned.at("/facts/movedPartitions").asInt());
        assertEquals(4, replicasOn(7), "check mode moves nothing");

        reassign.remove("check");
        reassign.put("throttleBytesPerSecond", 10_000_000L);
        JsonNode moved = AGENT.run("reassign", reassign);
        assertEquals("changed", moved.get("status").asText(), moved.toString());
        assertEquals(4, moved.at("/facts/movedPartitions").asInt());
        assertTrue(moved.at("/facts/movedBytes").asLong() > SCALE_IN_MESSAGES * 100L, moved.toString());
        assertEquals(0, moved.at("/facts/remainingReplicas").asInt());
        System.out.println("reassign: " + moved.at("/facts/movedBytes") + " bytes in " + moved.at("/facts/elapsedMs")
                + " ms");
        assertEquals(0, replicasOn(7));
        try (Admin admin = admin()) {
            Map<Integer, List<Integer>> placed = new HashMap<>();
            for (TopicPartitionInfo p : admin.describeTopics(List.of("scale-in")).allTopicNames().get()
                    .get("scale-in").partitions()) {
                placed.put(p.partition(), p.replicas().stream().map(Node::id).toList());
            }
            assertEquals(Map.of(0, List.of(4, 5, 6), 1, List.of(5, 4, 6), 2, List.of(6, 5, 4)),
                    Map.of(0, placed.get(0), 1, placed.get(1), 2, placed.get(2)), "broker 4 is in 7's rack");
            assertEquals(3, Set.copyOf(placed.get(3)).size());
        }
        assertEquals(List.of(), throttleConfigsLeft(), "the throttle is removed");
        assertEquals(SCALE_IN_MESSAGES, LocalNodes.countMessages(brokers(4, 5, 6), "scale-in", SCALE_IN_MESSAGES));
        assertEquals(10, LocalNodes.countMessages(brokers(4, 5, 6), "plk-verify", 10));
        JsonNode again = AGENT.run("reassign", reassign);
        assertEquals("ok", again.get("status").asText(), again.toString());
    }

    @Test
    @Order(6)
    void anEmptiedBrokerIsUnregisteredOnlyOnceStopped() throws Exception {
        JsonNode running = AGENT.run("unregister", scaleIn(7));
        assertEquals("failed", running.get("status").asText());
        assertTrue(running.get("msg").asText().contains("still registered and unfenced"), running.toString());
        assertEquals("changed", AGENT.run("stop", nodes.get(7)).get("status").asText());
        JsonNode unregistered = AGENT.run("unregister", scaleIn(7));
        assertEquals("changed", unregistered.get("status").asText(), unregistered.toString());
        JsonNode again = AGENT.run("unregister", scaleIn(7));
        assertEquals("ok", again.get("status").asText(), again.toString());
        assertEquals("broker 7 is not registered", again.get("msg").asText());
    }

    @Test
    @Order(7)
    void aVoterIsNotRemovedBelowThree() throws Exception {
        JsonNode refused = AGENT.run("removeVoter", scaleIn(3));
        assertEquals("failed", refused.get("status").asText());
        assertEquals(dynamic ? "removing voter 3 would leave 2 voter(s); a quorum keeps at least 3 so that it "
                + "survives one failure: add a controller first (addVoter)"
                : "controller.quorum.voters is static: removing a voter needs a dynamic quorum (Kafka 4.x, KIP-853)",
                refused.get("msg").asText());
        JsonNode health = LocalNodes.awaitHealth(AGENT, nodes.get(3), h -> h.at("/facts/quorumHealthy").asBoolean());
        assertEquals(3, health.at("/facts/voters").size());
    }

    @Test
    @Order(8)
    void aControllerJoinsAsAnObserverIsAddedAsAVoterAndRemovedAgain() throws Exception {
        Assumptions.assumeTrue(dynamic, "a static quorum's voters are fixed in every node's config");
        Map<String, Object> joining = nodes.get(8);
        assertEquals("changed", AGENT.run("install", joining).get("status").asText());
        assertEquals("changed", AGENT.run("configure", joining).get("status").asText());
        JsonNode formatted = AGENT.run("format", joining);
        assertTrue(formatted.get("msg").asText().endsWith("--no-initial-controllers"), formatted.toString());
        JsonNode started = AGENT.run("start", joining);
        assertEquals("changed", started.get("status").asText(), started.toString());
        JsonNode observer = AGENT.run("health", joining);
        assertEquals(3, observer.at("/facts/voters").size(), "an observer until it is added");
        assertTrue(observer.at("/facts/caughtUp").asBoolean(), observer.toString());

        JsonNode added = AGENT.run("addVoter", joining);
        assertEquals("changed", added.get("status").asText(), added.toString());
        assertEquals("ok", AGENT.run("addVoter", joining).get("status").asText());
        JsonNode four = LocalNodes.awaitHealth(AGENT, joining, h -> h.at("/facts/voters").size() == 4
                && h.at("/facts/quorumHealthy").asBoolean());
        assertTrue(four.at("/facts/caughtUp").asBoolean(), four.toString());

        JsonNode removed = AGENT.run("removeVoter", scaleIn(8));
        assertEquals("changed", removed.get("status").asText(), removed.toString());
        LocalNodes.awaitHealth(AGENT, nodes.get(1), h -> h.at("/facts/voters").size() == 3);
        assertEquals("ok", AGENT.run("removeVoter", scaleIn(8)).get("status").asText(), "not a voter any more");
        assertEquals("changed", AGENT.run("stop", joining).get("status").asText());
    }

    private Map<String, Object> scaleIn(int removed) {
        Map<String, Object> request = new HashMap<>(nodes.get(4));
        request.put("bootstrap", brokers(4, 5, 6));
        request.put("removeNodeId", removed);
        request.put("timeoutSeconds", 120);
        return request;
    }

    /** Controller-only node {@code id}: the authorizer as on the brokers, CONTROLLER advertised from Kafka 3.9. */
    private Map<String, Object> controller(int id, int port) {
        Path home = root.resolve("node" + id).toAbsolutePath();
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("roles", "controller");
        node.put("nodeId", id);
        node.put("azId", "usw2-az" + id);
        node.put("host", "127.0.0.1");
        node.put("brokerId", "c" + id);
        node.put("dataDir", home.resolve("data").toString());
        if (KafkaVersion.ofArchive(archive.getFileName().toString()).orElseThrow().advertisesController()) {
            node.put("controllerAdvertised", "127.0.0.1:" + port);
        }
        Map<String, Object> model = model(node, Map.of("controller", port), Map.of("authorizer", true));
        Map<String, Object> request = LocalNodes.request(home, archive, template, CLUSTER_ID, id, model,
                brokers(4, 5, 6));
        request.put("roles", List.of("controller"));
        if (dynamic) {
            request.put("initialControllers", initialControllers);
        }
        return request;
    }

    /** Broker-only node {@code id}: brokers 4, 5, 6 in usw2-az1..3, broker 7 in usw2-az1 again. */
    private Map<String, Object> broker(int id, int internal, int external) {
        Path home = root.resolve("node" + id).toAbsolutePath();
        String az = "usw2-az" + ((id - 4) % 3 + 1);
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("roles", "broker");
        node.put("nodeId", id);
        node.put("azId", az);
        node.put("host", "127.0.0.1");
        node.put("brokerId", "b" + id);
        node.put("externalHost", "b" + id + "." + az + ".unique_name.aws.plc.tidbcloud.com");
        node.put("advertisedPort", 9092 + id);
        node.put("dataDir", home.resolve("data").toString());
        Map<String, Object> model = model(node, Map.of("internal", internal, "external", external),
                Map.of("securityProtocol", "SASL_PLAINTEXT", "mechanism", "SCRAM-SHA-512", "authorizer", true));
        Map<String, Object> request = LocalNodes.request(home, archive, template, CLUSTER_ID, id, model,
                "127.0.0.1:" + internal);
        request.put("roles", List.of("broker"));
        return request;
    }

    private Map<String, Object> model(Map<String, Object> node, Map<String, Integer> ports,
            Map<String, Object> external) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("cluster", Map.of("name", "dedicated", "id", CLUSTER_ID));
        model.put("broker", node);
        model.put("ports", ports);
        model.put("external", external);
        if (dynamic) {
            model.put("quorumBootstrapServers", controllerPorts.values().stream().map(p -> "127.0.0.1:" + p)
                    .collect(Collectors.joining(",")));
        } else {
            model.put("quorumVoters", controllerPorts.entrySet().stream()
                    .map(e -> e.getKey() + "@127.0.0.1:" + e.getValue()).collect(Collectors.joining(",")));
        }
        model.put("properties", Map.of("offsets.topic.replication.factor", "3",
                "transaction.state.log.replication.factor", "3", "group.initial.rebalance.delay.ms", "0"));
        return model;
    }

    private String brokers(int... ids) {
        List<String> bootstrap = new ArrayList<>();
        for (int id : ids) {
            bootstrap.add((String) nodes.get(id).get("bootstrap"));
        }
        return String.join(",", bootstrap);
    }

    private Admin admin() {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers(4, 5, 6));
        return Admin.create(config);
    }

    private void produce(String topic, int messages) throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers(4, 5, 6));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        String payload = "x".repeat(200);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            List<java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata>> sends =
                    new ArrayList<>();
            for (int i = 0; i < messages; i++) {
                sends.add(producer.send(new ProducerRecord<>(topic, Integer.toString(i), payload + i)));
            }
            producer.flush();
            for (var send : sends) {
                send.get(); // a failed send (seen in CI: one batch of 76) fails here, not as a count later
            }
        }
    }

    /** Every partition led and fully in sync: a send to a partition still electing its first leader may fail. */
    private void awaitLeaders(String topic) throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        try (Admin admin = admin()) {
            while (true) {
                List<TopicPartitionInfo> partitions = List.of();
                try {
                    partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)) {
                        throw e;
                    } // the broker asked has not read the new topic's record yet
                }
                if (!partitions.isEmpty() && partitions.stream()
                        .allMatch(p -> p.leader() != null && p.isr().size() == p.replicas().size())) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("partitions of " + topic + " not led and in sync: " + partitions);
                }
                Thread.sleep(200);
            }
        }
    }

    private long replicasOn(int broker) throws Exception {
        try (Admin admin = admin()) {
            return admin.describeTopics(admin.listTopics().names().get()).allTopicNames().get().values().stream()
                    .flatMap(t -> t.partitions().stream())
                    .filter(p -> p.replicas().stream().anyMatch(n -> n.id() == broker)).count();
        }
    }

    /** Throttle keys still set dynamically on a broker or on the moved topic. */
    private List<String> throttleConfigsLeft() throws Exception {
        List<ConfigResource> resources = new ArrayList<>();
        for (int id : List.of(4, 5, 6, 7)) {
            resources.add(new ConfigResource(ConfigResource.Type.BROKER, Integer.toString(id)));
        }
        resources.add(new ConfigResource(ConfigResource.Type.TOPIC, "scale-in"));
        List<String> left = new ArrayList<>();
        try (Admin admin = admin()) {
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get();
            configs.forEach((resource, config) -> config.entries().stream()
                    .filter(e -> e.name().contains("replication.throttled"))
                    .filter(e -> e.source() != ConfigEntry.ConfigSource.DEFAULT_CONFIG)
                    .forEach(e -> left.add(resource.name() + ": " + e.name() + "=" + e.value())));
        }
        return left;
    }
}
