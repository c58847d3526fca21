package io.plk.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.plk.agent.tls.TestCertificates;
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
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;
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
 * 256 MiB heaps): install, configure, format, start, health, verify, stop, start again, SCRAM users and
 * their ACLs. Each Kafka version the build packs runs it (the agent compiles against the oldest client
 * API it supports). The model is what apply renders for SCRAM-SHA-512 with the authorizer on: EXTERNAL
 * takes SASL only; INTERNAL and CONTROLLER stay PLAINTEXT, whose clients (the brokers, the agent's
 * Admin calls, this test's INTERNAL clients) are User:ANONYMOUS, the super user, so they pass every check.
 * Node 1's EXTERNAL is SASL_SSL (a certificate for localhost from a CA made here), nodes 2 and 3 keep
 * SASL_PLAINTEXT: EXTERNAL carries no traffic between brokers, so one cluster tries both.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class KafkaClusterContract {
    private static final String CLUSTER_ID = "BRl69zcmTFmiPaoaANybiw";
    private static final String PASSWORD = "s3cret \"quoted\" \\ ;";
    private static final String ROTATED = "rotated-" + PASSWORD;
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
        LocalNodes.deleteTestFolder(root);
        template = Files.readString(Path.of("../templates/server.properties.ftl"));
        int[][] ports = new int[3][];
        for (int i = 0; i < 3; i++) {
            ports[i] = new int[] {LocalNodes.freePort(), LocalNodes.freePort(), LocalNodes.freePort()};
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
        LocalNodes.stopAll(AGENT, nodes);
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
        Path meta = Path.of(LocalNodes.dataDir(nodes.get(0)), "meta.properties");
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
        for (JsonNode started : LocalNodes.startAll(AGENT, nodes)) {
            assertEquals("changed", started.get("status").asText(), started.toString());
            System.out.println("start-to-registered ms: " + started.at("/facts/startToRegisteredMs").asLong());
        }
        for (Map<String, Object> node : nodes) {
            JsonNode health = LocalNodes.awaitHealth(AGENT, node, h -> h.at("/facts/canRestart").asBoolean());
            assertEquals(List.of(1, 2, 3), LocalNodes.ints(health.at("/facts/liveBrokers")));
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
        JsonNode health = LocalNodes.awaitHealth(AGENT, nodes.get(0), h -> !h.at("/facts/canRestart").asBoolean());
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
        JsonNode health = LocalNodes.awaitHealth(AGENT, nodes.get(2), h -> h.at("/facts/caughtUp").asBoolean()
                && h.at("/facts/underReplicatedPartitions").asLong() == 0);
        assertTrue(health.at("/facts/canRestart").asBoolean(), health.toString());
        assertEquals(10, LocalNodes.countMessages(allInternal(), "plk-verify", 10), "the 10 messages produced before the stop");
    }

    @Test
    @Order(8)
    void scramUsersAuthenticateOnExternalWithTheirPasswordOnlyAndRotate() throws Exception {
        String first = PASSWORD;
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

        String second = ROTATED;
        JsonNode rotated = AGENT.run("users", withUser(nodes.get(1), second));
        assertEquals("[\"tidb-cdc\"]", rotated.at("/facts/rotated").toString(), rotated.toString());
        // the agent waits for the new credential on its own broker; the others take it from the metadata log
        eventually(() -> refused(nodes.get(2), first), "the old password no longer works on another broker");
        assertEquals(3, partitions(nodes.get(2), second));
        eventually(() -> !refused(nodes.get(0), second), "the rotated password over TLS too");
        password = second;
    }

    @Test
    @Order(12)
    void tlsOnExternalTrustsOnlyItsCaAndAClientThatChecksTheNameGetsIn() throws Exception {
        Map<String, Object> request = withUser(nodes.get(0), password);
        request.put("bootstrap", "127.0.0.1:" + externalPort(nodes.get(0)));
        JsonNode advertised = AGENT.run("advertised", request);
        assertEquals("ok", advertised.get("status").asText(), advertised.toString());
        assertEquals(3, advertised.at("/facts/advertised").size());
        // the ACL tests before this one left other ACLs: the first run over TLS converges them, the second finds
        // nothing to write
        JsonNode converged = AGENT.run("users", withUser(nodes.get(0), password));
        org.junit.jupiter.api.Assertions.assertNotEquals("failed", converged.get("status").asText(),
                converged.toString());
        assertEquals("ok", AGENT.run("users", withUser(nodes.get(0), password)).get("status").asText(),
                "users over TLS: nothing to write");
        assertFalse(AGENT.lastTranscript().contains(keyBody()) || AGENT.lastTranscript().contains(password));

        request.put("externalCa", TestCertificates.authority(Files.createDirectories(root.resolve("stranger")),
                "stranger-ca").certificate());
        JsonNode stranger = AGENT.run("advertised", request);
        assertEquals("failed", stranger.get("status").asText(), stranger.toString());
        assertTrue(stranger.get("msg").asText().contains("TLS handshake failed"), stranger.toString());

        assertEquals(3, partitions(nodes.get(0), password), "localhost: the name in the certificate, checked");
        Properties byAddress = externalConfig(nodes.get(0), "tidb-cdc", password);
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
                "authorizer", true, "tls", Map.of("keystore", keystore, "fingerprints", List.of(fingerprint))));
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

    @Test
    @Order(9)
    void aclsOfTheManagedUserConvergeAndAnotherPrincipalsAreLeftAlone() throws Exception {
        AclBinding others = acl("someone-else", ResourceType.TOPIC, "cdc-orders", PatternType.LITERAL, AclOperation.READ);
        try (Admin admin = internalAdmin()) {
            admin.createAcls(List.of(others)).all().get();
        }
        Map<String, Object> users = withUser(nodes.get(0), ROTATED, changefeed("tidb-cdc", "cdc-", "PREFIXED"));
        users.put("check", true);
        JsonNode planned = AGENT.run("users", users);
        assertEquals("changed", planned.get("status").asText(), planned.toString());
        assertEquals("[]", planned.at("/facts/created").toString(), planned.toString());
        assertEquals("[]", planned.at("/facts/rotated").toString(), planned.toString());
        assertTrue(strings(planned.at("/facts/aclsAdded")).contains("User:tidb-cdc ALLOW WRITE TOPIC:cdc- (prefixed)"),
                planned.toString());
        assertEquals(List.of("User:tidb-cdc ALLOW CREATE TOPIC:*", "User:tidb-cdc ALLOW DESCRIBE TOPIC:*",
                "User:tidb-cdc ALLOW DESCRIBE_CONFIGS TOPIC:*", "User:tidb-cdc ALLOW WRITE TOPIC:*"),
                strings(planned.at("/facts/aclsRemoved")), "the cluster ACLs stay, the every-topic ones go");
        assertEquals(6, aclsOf("tidb-cdc").size(), "check mode writes nothing");
        users.remove("check");

        JsonNode converged = AGENT.run("users", users);
        assertEquals("changed", converged.get("status").asText(), converged.toString());
        JsonNode again = AGENT.run("users", users);
        assertEquals("ok", again.get("status").asText(), again.toString());
        assertEquals(Set.of(
                acl("tidb-cdc", ResourceType.TOPIC, "cdc-", PatternType.PREFIXED, AclOperation.CREATE),
                acl("tidb-cdc", ResourceType.TOPIC, "cdc-", PatternType.PREFIXED, AclOperation.WRITE),
                acl("tidb-cdc", ResourceType.TOPIC, "cdc-", PatternType.PREFIXED, AclOperation.DESCRIBE),
                acl("tidb-cdc", ResourceType.TOPIC, "cdc-", PatternType.PREFIXED, AclOperation.DESCRIBE_CONFIGS),
                acl("tidb-cdc", ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL, AclOperation.DESCRIBE),
                acl("tidb-cdc", ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL,
                        AclOperation.DESCRIBE_CONFIGS)), Set.copyOf(aclsOf("tidb-cdc")));
        assertEquals(List.of(others), aclsOf("someone-else"));
    }

    @Test
    @Order(10)
    void aTopicOutsideTheUsersAclsIsRefusedAndOneInsideAllowed() throws Exception {
        try (Admin admin = internalAdmin()) {
            admin.createTopics(List.of(new NewTopic("cdc-orders", 1, (short) 3))).all().get();
        }
        for (Map<String, Object> node : nodes) {
            eventually(() -> partitions(node, "tidb-cdc", ROTATED, "cdc-orders") == 1, "inside: cdc-orders described");
            assertThrows(TopicAuthorizationException.class, () -> partitions(node, "tidb-cdc", ROTATED, "plk-verify"),
                    "outside: plk-verify, which every topic's ACLs let it describe before");
        }
        Map<String, Object> access = withBootstrap(withUser(nodes.get(1), ROTATED), "127.0.0.1:" + externalPort(nodes.get(1)));
        access.put("accessProbe", Map.of("allowedTopic", "cdc-plk-verify", "deniedTopic", "plk-verify",
                "deniedGroup", "plk-outside-acls"));
        JsonNode proved = AGENT.run("access", access);
        assertEquals("ok", proved.get("status").asText(), proved.toString());
        assertEquals(List.of("a wrong password is refused", "a client without credentials is refused",
                "tidb-cdc logs in", "topic plk-verify outside its ACLs is refused",
                "topic cdc-plk-verify inside its ACLs is allowed", "group plk-outside-acls outside its ACLs is refused"),
                strings(proved.at("/facts/proved")));
        assertFalse(AGENT.lastTranscript().contains("s3cret"), AGENT.lastTranscript());

        access.put("accessProbe", Map.of("deniedTopic", "cdc-orders"));
        JsonNode wrong = AGENT.run("access", access);
        assertEquals("failed", wrong.get("status").asText(), wrong.toString());
        assertTrue(wrong.get("msg").asText().contains("cdc-orders is outside tidb-cdc's ACLs but Metadata answered error"
                + " 0"), wrong.toString());
    }

    @Test
    @Order(11)
    void aUserNoLongerListedIsDeletedWithItsAclsOnlyWithTheRemoveFlag() throws Exception {
        List<Map<String, Object>> both = new ArrayList<>(changefeed("tidb-cdc", "cdc-", "PREFIXED"));
        both.add(Map.of("user", "old-cdc", "resource", "TOPIC", "name", "legacy", "pattern", "LITERAL",
                "operation", "READ"));
        Map<String, Object> withOld = withUser(nodes.get(0), ROTATED, both);
        withOld.put("scramUsers", List.of(scramUser("tidb-cdc", ROTATED), scramUser("old-cdc", "old-password")));
        assertEquals("[\"old-cdc\"]", AGENT.run("users", withOld).at("/facts/created").toString());

        Map<String, Object> users = withUser(nodes.get(0), ROTATED, changefeed("tidb-cdc", "cdc-", "PREFIXED"));
        JsonNode listed = AGENT.run("users", users);
        assertEquals("ok", listed.get("status").asText(), listed.toString());
        assertEquals("[\"old-cdc\"]", listed.at("/facts/unlisted").toString());
        assertEquals("[]", listed.at("/facts/removed").toString());
        assertTrue(listed.get("msg").asText().contains("left alone: old-cdc"), listed.toString());
        assertFalse(refused(nodes.get(2), "old-cdc", "old-password"), "without the flag it still logs in");

        users.put("removeUsers", true);
        users.put("check", true);
        JsonNode planned = AGENT.run("users", users);
        assertEquals("changed", planned.get("status").asText(), planned.toString());
        assertEquals("[\"old-cdc\"]", planned.at("/facts/removed").toString());
        assertEquals(List.of("User:old-cdc ALLOW READ TOPIC:legacy"), strings(planned.at("/facts/aclsRemoved")));
        assertEquals(1, aclsOf("old-cdc").size(), "check mode deletes nothing");
        assertFalse(refused(nodes.get(2), "old-cdc", "old-password"));
        users.remove("check");

        JsonNode removed = AGENT.run("users", users);
        assertEquals("changed", removed.get("status").asText(), removed.toString());
        for (Map<String, Object> node : nodes) {
            eventually(() -> refused(node, "old-cdc", "old-password"), "the deleted user is refused everywhere");
        }
        assertEquals(List.of(), aclsOf("old-cdc"));
        assertEquals(1, aclsOf("someone-else").size(), "another principal's ACL, never managed, is still there");
        assertFalse(refused(nodes.get(0), "tidb-cdc", ROTATED));
        assertEquals("ok", AGENT.run("users", users).get("status").asText());
    }

    private Map<String, Object> withUser(Map<String, Object> node, String password) {
        return withUser(node, password, changefeed("tidb-cdc", "*", "LITERAL"));
    }

    /** The users request for tidb-cdc with these ACLs (the authorizer is on: every user gets its own). */
    private Map<String, Object> withUser(Map<String, Object> node, String password, List<Map<String, Object>> acls) {
        Map<String, Object> request = new HashMap<>(node);
        request.put("externalPort", externalPort(node));
        request.put("scramUsers", List.of(scramUser("tidb-cdc", password)));
        request.put("acls", acls);
        if (tls(node)) {
            request.put("externalCa", ca.certificate());
        }
        return request;
    }

    private static Map<String, Object> scramUser(String name, String password) {
        return Map.of("name", name, "mechanism", "SCRAM-SHA-512", "password", password);
    }

    /** What the orchestrator sends for the changefeed preset on these topics. */
    private static List<Map<String, Object>> changefeed(String user, String topics, String pattern) {
        List<Map<String, Object>> acls = new ArrayList<>();
        for (String op : List.of("CREATE", "WRITE", "DESCRIBE", "DESCRIBE_CONFIGS")) {
            acls.add(Map.of("user", user, "resource", "TOPIC", "name", topics, "pattern", pattern, "operation", op));
        }
        for (String op : List.of("DESCRIBE", "DESCRIBE_CONFIGS")) {
            acls.add(Map.of("user", user, "resource", "CLUSTER", "name", "kafka-cluster", "pattern", "LITERAL",
                    "operation", op));
        }
        return acls;
    }

    private static AclBinding acl(String user, ResourceType type, String name, PatternType pattern, AclOperation op) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry("User:" + user, "*", op, AclPermissionType.ALLOW));
    }

    private List<AclBinding> aclsOf(String user) throws Exception {
        try (Admin admin = internalAdmin()) {
            return new ArrayList<>(admin.describeAcls(new AclBindingFilter(ResourcePatternFilter.ANY,
                    new AccessControlEntryFilter("User:" + user, null, AclOperation.ANY, AclPermissionType.ANY)))
                    .values().get());
        }
    }

    /** As User:ANONYMOUS on INTERNAL, the super user. */
    private Admin internalAdmin() {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, allInternal());
        return Admin.create(config);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    /** A broker takes credentials and ACLs from the metadata log a moment later: until then, an error is "not yet". */
    private static void eventually(java.util.function.BooleanSupplier condition, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        RuntimeException last = null;
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within 30 s", last);
            }
            Thread.sleep(300);
        }
    }

    private int partitions(Map<String, Object> node, String password) {
        return partitions(node, "tidb-cdc", password, "plk-verify");
    }

    private int partitions(Map<String, Object> node, String user, String password, String topic) {
        try (KafkaConsumer<String, String> consumer = externalClient(node, user, password)) {
            return consumer.partitionsFor(topic).size();
        }
    }

    private boolean refused(Map<String, Object> node, String password) {
        return refused(node, "tidb-cdc", password);
    }

    /** Whether the login is refused; asks for cluster metadata only, which any user may read. */
    private boolean refused(Map<String, Object> node, String user, String password) {
        try (KafkaConsumer<String, String> consumer = externalClient(node, user, password)) {
            consumer.listTopics();
            return false;
        } catch (org.apache.kafka.common.errors.SaslAuthenticationException e) {
            return true;
        }
    }

    /** A client of the EXTERNAL listener on this machine: the metadata answer is enough, no leader is reached. */
    private KafkaConsumer<String, String> externalClient(Map<String, Object> node, String user, String password) {
        return new KafkaConsumer<>(externalConfig(node, user, password), new StringDeserializer(),
                new StringDeserializer());
    }

    /** Over TLS to node 1 as TiDB Cloud would connect: to the name its certificate carries, checked (the default). */
    private Properties externalConfig(Map<String, Object> node, String user, String password) {
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
                + "username=\"" + user + "\" password=\"" + password.replace("\\", "\\\\").replace("\"", "\\\"") + "\";");
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000);
        return config;
    }

    private static int externalPort(Map<String, Object> node) {
        return (Integer) ((Map<?, ?>) ((Map<?, ?>) node.get("model")).get("ports")).get("external");
    }

    private Map<String, Object> request(int nodeId, int[] ports, String voters) {
        Path home = root.resolve("node" + nodeId).toAbsolutePath();
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
        model.put("external", Map.of("securityProtocol", "SASL_PLAINTEXT", "mechanism", "SCRAM-SHA-512",
                "authorizer", true));
        model.put("quorumVoters", voters);
        model.put("properties", Map.of("offsets.topic.replication.factor", "3",
                "transaction.state.log.replication.factor", "3", "group.initial.rebalance.delay.ms", "0"));
        return LocalNodes.request(home, archive, template, CLUSTER_ID, nodeId, model, "127.0.0.1:" + ports[1]);
    }

    private static Map<String, Object> withBootstrap(Map<String, Object> node, String bootstrap) {
        Map<String, Object> copy = new HashMap<>(node);
        copy.put("bootstrap", bootstrap);
        return copy;
    }

    private String allInternal() {
        return nodes.stream().map(n -> (String) n.get("bootstrap")).collect(Collectors.joining(","));
    }
}
