package io.plk.agent;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Kafka nodes on this machine driven through the agent jar: what every cluster test needs. */
final class LocalNodes {
    private LocalNodes() {
    }

    /** The request of one node living in {@code home}: the fields every command reads, as apply sends them. */
    static Map<String, Object> request(Path home, Path archive, String template, String clusterId, int nodeId,
            Map<String, Object> model, String bootstrap) {
        String kafkaFolder = archive.getFileName().toString().replace(".tgz", "");
        Map<String, Object> request = new java.util.LinkedHashMap<>();
        request.put("kafkaHome", home.resolve(kafkaFolder).toString());
        request.put("archive", archive.toString());
        request.put("configFile", home.resolve("config/server.properties").toString());
        request.put("template", template);
        request.put("model", model);
        request.put("dataDirs", List.of(home.resolve("data").toString()));
        request.put("clusterId", clusterId);
        request.put("nodeId", nodeId);
        request.put("logDir", home.resolve("log").toString());
        request.put("stateDir", home.resolve(".plk").toString());
        request.put("heap", "256m");
        request.put("bootstrap", bootstrap);
        return request;
    }

    /** Every node's start at once: a new cluster's voters need each other to elect a leader. */
    static List<JsonNode> startAll(AgentProcess agent, List<Map<String, Object>> nodes) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(nodes.size());
        try {
            List<Future<JsonNode>> futures = new ArrayList<>();
            for (Map<String, Object> node : nodes) {
                futures.add(pool.submit(() -> agent.run("start", node)));
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

    /** The last node cannot finish a controlled shutdown without a quorum: none is waited for long. */
    static void stopAll(AgentProcess agent, java.util.Collection<Map<String, Object>> nodes) throws Exception {
        for (Map<String, Object> node : nodes) {
            Map<String, Object> quick = new java.util.HashMap<>(node);
            quick.put("timeoutSeconds", 15);
            agent.run("stop", quick);
        }
    }

    static JsonNode awaitHealth(AgentProcess agent, Map<String, Object> node, Predicate<JsonNode> condition)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        JsonNode health = null;
        while (System.nanoTime() < deadline) {
            health = agent.run("health", node);
            if ("ok".equals(health.get("status").asText()) && condition.test(health)) {
                return health;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("condition not reached; last health: " + health);
    }

    /**
     * The messages of the topic, read from the beginning as User:ANONYMOUS on INTERNAL until {@code expected} are
     * in or 30 s passed. Not up to the end offsets read once: right after a reassignment a new leader's high
     * watermark can lag the messages it holds (seen in CI: 2924 of 3000).
     */
    static long countMessages(String bootstrap, String topic, long expected) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long count = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (count < expected && System.nanoTime() < deadline) {
                count += consumer.poll(Duration.ofMillis(500)).count();
            }
            count += consumer.poll(Duration.ofMillis(500)).count();
            return count;
        }
    }

    static List<Integer> ints(JsonNode array) {
        List<Integer> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asInt()));
        return values;
    }

    static String dataDir(Map<String, Object> node) {
        return ((List<?>) node.get("dataDirs")).get(0).toString();
    }

    /** Only this test's own scratch folder, from the previous run. */
    static void deleteTestFolder(Path root) throws IOException {
        if (Files.exists(root)) {
            try (var paths = Files.walk(root)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * A port no earlier call returned, below Linux's ephemeral range: an ephemeral port the kernel hands out twice
     * (seen in CI: CONTROLLER and EXTERNAL of one node on one port), or gives a client connection before the node
     * binds it, would fail the start.
     */
    static int freePort() throws IOException {
        var random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = random.nextInt(20_000, 32_000);
            if (!HANDED_OUT.contains(port) && bindable(port)) {
                HANDED_OUT.add(port);
                return port;
            }
        }
        throw new IOException("no free port in 20000-31999");
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
