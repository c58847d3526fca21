package io.plk.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.plk.agent.tls.TestCertificates;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The agent driving a real 3-node KRaft cluster on this machine (one folder and port set per node,
 * 256 MiB heaps): install, configure, format, start, health, verify, stop, start again. Each Kafka
 * version the build packs runs it (the agent compiles against the oldest client API it supports).
 * Node 1's EXTERNAL is SASL_SSL (a certificate for localhost from a CA made here), nodes 2 and 3 keep
 * SASL_PLAINTEXT: EXTERNAL carries no traffic between brokers, so one cluster tries both.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class KafkaClusterContract {
    private static final String CLUSTER_ID = "BRl69zcmTFmiPaoaANybiw";
    private static final AgentProcess AGENT = new AgentProcess(Path.of(System.getProperty("plk.agent.jar")));
    private final Path root;
    private final Path archive;
    private final List<Map<String, Object>> nodes = new ArrayList<>();
    private String template;
    private TestCertificates ca;
    private TestCertificates.Issued localhost;
    private String password;

    /** @param archiveProperty the system property naming the Kafka archive to install */
    KafkaClusterContract(String archiveProperty) {
        this.archive = Path.of(System.getProperty(archiveProperty)).toAbsolutePath();
        this.root = Path.of("target/cluster-" + archive.getFileName().toString().replace(".tgz", ""));
    }

    @BeforeAll
    void plan() throws Exception {
        deleteTestFolder(root);
        template = Files.readString(Path.of("../templates/server.properties.ftl"));
        int[][] ports = new int[3][];
        for (int i = 0; i < 3; i++) {
            ports[i] = new int[] {freePort(), freePort(), freePort()};
        }
        String voters = "";
        for (int i = 0; i < 3; i++) {
            voters += (i == 0 ? "" : ",") + (i + 1) + "@127.0.0.1:" + ports[i][0];
        }
        for (int i = 0; i < 3; i++) {
            nodes.add(request(i + 1, ports[i], voters));
        }
        Path certificates = Files.createDirectories(root.resolve("certificates"));
        ca = TestCertificates.authority(certificates, "cluster-ca");
        localhost = ca.issue("node1", "RSA", List.of("localhost"), null, 30);
        withTls(nodes.get(0));
    }

    @AfterAll
    void stopEverything() throws Exception {
        for (Map<String, Object> node : nodes) {
            // the last broker cannot finish a controlled shutdown without a quorum: do not wait long for it
            Map<String, Object> quick = new HashMap<>(node);
            quick.put("timeoutSeconds", 15);
            AGENT.run("stop", quick);
        }
    }

    @Test
    @Order(1)
    void installIsIdempotent() throws Exception {
        for (Map<String, Object> node : nodes) {
            assertEquals("changed", AGENT.run("install", node).get("status").asText());
            assertEquals("ok", AGENT.run("install", node).get("status").asText());
        }
    }

    @Test
    @Order(2)
    void configureWritesOnceThenReportsOk() throws Exception {
        for (Map<String, Object> node : nodes) {
            JsonNode first = AGENT.run("configure", node);
            assertEquals("changed", first.get("status").asText(), first.toString());
            assertFalse(AGENT.lastTranscript().contains(keyBody()), "the key in no agent output");
            assertTrue(first.get("diff").asText().contains("+node.id=" + node.get("nodeId")));
            assertEquals("ok", AGENT.run("configure", node).get("status").asText());
        }
        Path keystore = Path.of(keystore(nodes.get(0)));
        assertEquals(localhost.privateKey() + localhost.certificate(), Files.readString(keystore));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keystore)));
    }

    @Test
    @Order(3)
    void formatOnceAndNeverOverAnotherClusterId() throws Exception {
        for (Map<String, Object> node : nodes) {
            assertEquals("changed", AGENT.run("format", node).get("status").asText());
            assertEquals("ok", AGENT.run("format", node).get("status").asText());
        }
        Path meta = Path.of(dataDir(nodes.get(0)), "meta.properties");
        byte[] before = Files.readAllBytes(meta);
        Map<String, Object> otherCluster = new HashMap<>(nodes.get(0));
        otherCluster.put("clusterId", "AAAAAAAAAAAAAAAAAAAAAA");
        JsonNode refused = AGENT.run("format", otherCluster);
        assertEquals("failed", refused.get("status").asText());
        assertTrue(refused.get("msg").asText().contains(CLUSTER_ID), refused.toString());
        assertArrayEquals(before, Files.readAllBytes(meta), "meta.properties must stay byte-identical");
    }

    @Test
    @Order(4)
    void startAllThenEveryBrokerIsHealthyAndCanRestart() throws Exception {
        for (JsonNode started : startAll(nodes)) {
            assertEquals("changed", started.get("status").asText(), started.toString());
            System.out.println("start-to-registered ms: " + started.at("/facts/startToRegisteredMs").asLong());
        }
        for (Map<String, Object> node : nodes) {
            JsonNode health = awaitHealth(node, h -> h.at("/facts/canRestart").asBoolean());
            assertEquals(List.of(1, 2, 3), ints(health.at("/facts/liveBrokers")));
            assertEquals(3, health.at("/facts/voters").size());
        }
    }

    @Test
    @Order(5)
    void verifyProducesAndConsumesThroughTheInternalListener() throws Exception {
        JsonNode verified = AGENT.run("verify", withBootstrap(nodes.get(0), allInternal()));
        assertEquals("ok", verified.get("status").asText(), verified.toString());
        assertEquals(10, verified.at("/facts/consumed").asInt());
        assertEquals(3, verified.at("/facts/advertised").size());
    }

    @Test
    @Order(6)
    void aDownBrokerBlocksRestartsOfTheOthersWithTheReason() throws Exception {
        assertEquals("changed", AGENT.run("stop", nodes.get(2)).get("status").asText());
        JsonNode health = awaitHealth(nodes.get(0), h -> !h.at("/facts/canRestart").asBoolean());
        String reasons = health.at("/facts/canRestartReasons").toString();
        assertTrue(reasons.contains("plk-verify") && reasons.contains("min ISR"), reasons);
        assertFalse(health.at("/facts/registered").isMissingNode());
    }

    @Test
    @Order(7)
    void aRestartedBrokerCatchesUpAndEarlierMessagesSurvive() throws Exception {
        // a Kafka home without logging configuration still gets a server.log: the agent's own configuration
        Path config = Path.of((String) nodes.get(2).get("kafkaHome")).resolve("config");
        for (String name : List.of("log4j.properties", "log4j2.yaml")) {
            Files.deleteIfExists(config.resolve(name));
        }
        Path serverLog = Path.of((String) nodes.get(2).get("logDir")).resolve("server.log");
        Files.move(serverLog, serverLog.resolveSibling("server.log.before-restart"));
        JsonNode started = AGENT.run("start", nodes.get(2));
        assertEquals("changed", started.get("status").asText(), started.toString());
        assertEquals(2, started.at("/facts/starts").asInt(), "the agent counts its starts");
        assertTrue(Files.readString(serverLog).contains("Kafka Server started"), "server.log written without "
                + "the home's logging configuration");
        JsonNode health = awaitHealth(nodes.get(2), h -> h.at("/facts/caughtUp").asBoolean()
                && h.at("/facts/underReplicatedPartitions").asLong() == 0);
        assertTrue(health.at("/facts/canRestart").asBoolean(), health.toString());
        assertEquals(10, countMessages("plk-verify"), "the 10 messages produced before the stop");
    }

    @Test
    @Order(8)
    void scramUsersAuthenticateOnExternalWithTheirPasswordOnlyAndRotate() throws Exception {
        String first = "s3cret \"quoted\" \\ ;";
        Map<String, Object> users = withUser(nodes.get(0), first);
        assertTrue(refused(nodes.get(0), first), "no user before the first users command");

        users.put("check", true);
        JsonNode planned = AGENT.run("users", users);
        assertEquals("changed", planned.get("status").asText(), planned.toString());
        assertEquals("[\"tidb-cdc\"]", planned.at("/facts/created").toString());
        assertTrue(refused(nodes.get(0), first), "check mode writes nothing");
        users.remove("check");

        JsonNode created = AGENT.run("users", users);
        assertEquals("changed", created.get("status").asText(), created.toString());
        assertFalse(AGENT.lastTranscript().contains("s3cret"), AGENT.lastTranscript());
        assertEquals("ok", AGENT.run("users", users).get("status").asText());
        for (Map<String, Object> node : nodes) {
            eventually(() -> !refused(node, first), "the new user logs in on every broker");
            assertEquals(3, partitions(node, first));
        }
        assertTrue(refused(nodes.get(1), "wrong"));

        String second = "rotated-" + first;
        JsonNode rotated = AGENT.run("users", withUser(nodes.get(1), second));
        assertEquals("[\"tidb-cdc\"]", rotated.at("/facts/rotated").toString(), rotated.toString());
        // the agent waits for the new credential on its own broker; the others take it from the metadata log
        eventually(() -> refused(nodes.get(2), first), "the old password no longer works on another broker");
        assertEquals(3, partitions(nodes.get(2), second));
        eventually(() -> !refused(nodes.get(0), second), "the rotated password over TLS too");
        password = second;
    }

    @Test
    @Order(9)
    void tlsOnExternalTrustsOnlyItsCaAndAClientThatChecksTheNameGetsIn() throws Exception {
        Map<String, Object> request = withUser(nodes.get(0), password);
        request.put("bootstrap", "127.0.0.1:" + externalPort(nodes.get(0)));
        JsonNode advertised = AGENT.run("advertised", request);
        assertEquals("ok", advertised.get("status").asText(), advertised.toString());
        assertEquals(3, advertised.at("/facts/advertised").size());
        assertEquals("ok", AGENT.run("users", withUser(nodes.get(0), password)).get("status").asText(),
                "users over TLS: nothing to write");
        assertFalse(AGENT.lastTranscript().contains(keyBody()) || AGENT.lastTranscript().contains(password));

        request.put("externalCa", TestCertificates.authority(Files.createDirectories(root.resolve("stranger")),
                "stranger-ca").certificate());
        JsonNode stranger = AGENT.run("advertised", request);
        assertEquals("failed", stranger.get("status").asText(), stranger.toString());
        assertTrue(stranger.get("msg").asText().contains("TLS handshake failed"), stranger.toString());

        assertEquals(3, partitions(nodes.get(0), password), "localhost: the name in the certificate, checked");
        Properties byAddress = externalConfig(nodes.get(0), password);
        byAddress.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + externalPort(nodes.get(0)));
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(byAddress, new StringDeserializer(),
                new StringDeserializer())) {
            assertThrows(org.apache.kafka.common.errors.SslAuthenticationException.class,
                    () -> consumer.partitionsFor("plk-verify"), "no certificate names 127.0.0.1: refused");
        }
    }

    /** Node 1's EXTERNAL speaks TLS: the model says so and configure gets the keystore. */
    private void withTls(Map<String, Object> node) throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> model = (Map<String, Object>) node.get("model");
        byte[] der = java.util.Base64.getMimeDecoder().decode(localhost.certificate()
                .replaceAll("-----[A-Z ]+-----", ""));
        String fingerprint = java.util.HexFormat.ofDelimiter(":").withUpperCase()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(der));
        String keystore = Path.of((String) node.get("configFile")).resolveSibling("external-tls.pem").toString();
        model.put("external", Map.of("securityProtocol", "SASL_SSL", "mechanism", "SCRAM-SHA-512",
                "tls", Map.of("keystore", keystore, "fingerprints", List.of(fingerprint))));
        node.put("externalKeystore", Map.of("location", keystore, "certificateChain", localhost.certificate(),
                "privateKey", localhost.privateKey()));
    }

    private static String keystore(Map<String, Object> node) {
        return (String) ((Map<?, ?>) node.get("externalKeystore")).get("location");
    }

    private static boolean tls(Map<String, Object> node) {
        return node.containsKey("externalKeystore");
    }

    /** A line from the middle of the key: in the keystore file, nowhere else. */
    private String keyBody() {
        List<String> lines = localhost.privateKey().lines().toList();
        return lines.get(lines.size() / 2);
    }

    private Map<String, Object> withUser(Map<String, Object> node, String password) {
        Map<String, Object> request = new HashMap<>(node);
        request.put("externalPort", externalPort(node));
        request.put("scramUsers", List.of(Map.of("name", "tidb-cdc", "mechanism", "SCRAM-SHA-512",
                "password", password)));
        if (tls(node)) {
            request.put("externalCa", ca.certificate());
        }
        return request;
    }

    private static void eventually(java.util.function.BooleanSupplier condition, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within 30 s");
            }
            Thread.sleep(300);
        }
    }

    private int partitions(Map<String, Object> node, String password) {
        try (KafkaConsumer<String, String> consumer = externalClient(node, password)) {
            return consumer.partitionsFor("plk-verify").size();
        }
    }

    private boolean refused(Map<String, Object> node, String password) {
        try (KafkaConsumer<String, String> consumer = externalClient(node, password)) {
            consumer.partitionsFor("plk-verify");
            return false;
        } catch (org.apache.kafka.common.errors.SaslAuthenticationException e) {
            return true;
        }
    }

    /** A client of the EXTERNAL listener on this machine: the metadata answer is enough, no leader is reached. */
    private KafkaConsumer<String, String> externalClient(Map<String, Object> node, String password) {
        return new KafkaConsumer<>(externalConfig(node, password), new StringDeserializer(), new StringDeserializer());
    }

    /** Over TLS to node 1 as TiDB Cloud would connect: to the name its certificate carries, checked (the default). */
    private Properties externalConfig(Map<String, Object> node, String password) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, (tls(node) ? "localhost:" : "127.0.0.1:")
                + externalPort(node));
        config.put("security.protocol", tls(node) ? "SASL_SSL" : "SASL_PLAINTEXT");
        if (tls(node)) {
            config.put("ssl.truststore.type", "PEM");
            config.put("ssl.truststore.certificates", ca.certificate());
        }
        config.put("sasl.mechanism", "SCRAM-SHA-512");
        config.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                + "username=\"tidb-cdc\" password=\"" + password.replace("\\", "\\\\").replace("\"", "\\\"") + "\";");
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000);
        return config;
    }

    private static int externalPort(Map<String, Object> node) {
        return (Integer) ((Map<?, ?>) ((Map<?, ?>) node.get("model")).get("ports")).get("external");
    }

    private List<JsonNode> startAll(List<Map<String, Object>> nodes) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(nodes.size());
        try {
            List<Future<JsonNode>> futures = new ArrayList<>();
            for (Map<String, Object> node : nodes) {
                futures.add(pool.submit(() -> AGENT.run("start", node)));
            }
            List<JsonNode> results = new ArrayList<>();
            for (Future<JsonNode> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }

    private JsonNode awaitHealth(Map<String, Object> node, java.util.function.Predicate<JsonNode> condition)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        JsonNode health = null;
        while (System.nanoTime() < deadline) {
            health = AGENT.run("health", node);
            if ("ok".equals(health.get("status").asText()) && condition.test(health)) {
                return health;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("condition not reached; last health: " + health);
    }

    private long countMessages(String topic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, allInternal());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1),
                    new TopicPartition(topic, 2));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long count = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                count += consumer.poll(Duration.ofMillis(500)).count();
            }
            return count;
        }
    }

    private Map<String, Object> request(int nodeId, int[] ports, String voters) {
        Path home = root.resolve("node" + nodeId).toAbsolutePath();
        String kafkaFolder = archive.getFileName().toString().replace(".tgz", "");
        Map<String, Object> broker = new LinkedHashMap<>();
        broker.put("nodeId", nodeId);
        broker.put("azId", "usw2-az" + nodeId);
        broker.put("host", "127.0.0.1");
        broker.put("brokerId", "b" + nodeId);
        broker.put("externalHost", "b" + nodeId + ".usw2-az" + nodeId + ".unique_name.aws.plc.tidbcloud.com");
        broker.put("advertisedPort", 9092 + nodeId);
        broker.put("dataDir", home.resolve("data").toString());
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("cluster", Map.of("name", "local", "id", CLUSTER_ID));
        model.put("broker", broker);
        model.put("ports", Map.of("controller", ports[0], "internal", ports[1], "external", ports[2]));
        model.put("external", Map.of("securityProtocol", "SASL_PLAINTEXT", "mechanism", "SCRAM-SHA-512"));
        model.put("quorumVoters", voters);
        model.put("properties", Map.of("offsets.topic.replication.factor", "3",
                "transaction.state.log.replication.factor", "3", "group.initial.rebalance.delay.ms", "0"));
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("kafkaHome", home.resolve(kafkaFolder).toString());
        request.put("archive", archive.toString());
        request.put("configFile", home.resolve("config/server.properties").toString());
        request.put("template", template);
        request.put("model", model);
        request.put("dataDirs", List.of(home.resolve("data").toString()));
        request.put("clusterId", CLUSTER_ID);
        request.put("nodeId", nodeId);
        request.put("logDir", home.resolve("log").toString());
        request.put("stateDir", home.resolve(".plk").toString());
        request.put("heap", "256m");
        request.put("bootstrap", "127.0.0.1:" + ports[1]);
        return request;
    }

    private static Map<String, Object> withBootstrap(Map<String, Object> node, String bootstrap) {
        Map<String, Object> copy = new HashMap<>(node);
        copy.put("bootstrap", bootstrap);
        return copy;
    }

    private String allInternal() {
        return nodes.stream().map(n -> (String) n.get("bootstrap")).collect(Collectors.joining(","));
    }

    private static String dataDir(Map<String, Object> node) {
        return ((List<?>) node.get("dataDirs")).get(0).toString();
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asInt()));
        return values;
    }

    /** Only this test's own scratch folder, from the previous run. */
    private static void deleteTestFolder(Path root) throws IOException {
        if (Files.exists(root)) {
            try (var paths = Files.walk(root)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
