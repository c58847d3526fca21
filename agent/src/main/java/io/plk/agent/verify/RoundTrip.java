package io.plk.agent.verify;

import io.plk.agent.auth.ClientLogin;
import io.plk.agent.health.ClusterProbe;
import io.plk.agent.protocol.AgentRequest;
import io.plk.agent.protocol.AgentResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The runbook's produce.sh and consume.sh as one check: a topic with 3 partitions and RF 3, N
 * messages written with acks=all to every partition, the same N read back.
 */
public final class RoundTrip {
    private static final int PARTITIONS = 3;
    private static final short REPLICATION = 3;

    public AgentResult verify(AgentRequest request) throws Exception {
        String bootstrap = request.require(request.bootstrap(), "bootstrap");
        String topic = request.topic() == null ? "plk-verify" : request.topic();
        int count = request.messages() == null ? 10 : request.messages();
        Duration timeout = Duration.ofSeconds(request.timeoutOr(60));
        Map<String, Object> facts = new LinkedHashMap<>();
        Properties login = ClientLogin.asFirstOf(request.scramUsers(), request.externalCa());
        try (ClusterProbe probe = new ClusterProbe(bootstrap, timeout, login)) {
            facts.put("advertised", advertised(probe.advertisedNodes()));
            createIfAbsent(probe, topic, timeout);
            facts.put("leaders", untilReady(() -> leaders(probe, topic, timeout), timeout));
        }
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            partitions.add(new TopicPartition(topic, p));
        }
        String run = UUID.randomUUID().toString();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig(bootstrap, login))) {
            consumer.assign(partitions);
            Map<TopicPartition, Long> start = untilReady(() -> consumer.endOffsets(partitions, timeout), timeout);
            start.forEach(consumer::seek);
            produce(bootstrap, login, topic, run, count, timeout);
            int received = consume(consumer, run, count, timeout);
            facts.put("topic", topic);
            facts.put("produced", count);
            facts.put("consumed", received);
            if (received != count) {
                return AgentResult.failed("verify", "produced " + count + " messages but read back " + received
                        + " within " + timeout.toSeconds() + " s", facts);
            }
        }
        return AgentResult.ok("verify", "produced and consumed " + count + " messages on " + topic + " via "
                + bootstrap, facts);
    }

    private static void createIfAbsent(ClusterProbe probe, String topic, Duration timeout) throws Exception {
        Set<String> names = probe.admin().listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!names.contains(topic)) {
            probe.admin().createTopics(List.of(new NewTopic(topic, PARTITIONS, REPLICATION)
                    .configs(Map.of("min.insync.replicas", "2")))).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** A topic just created (or a leader just moved) is briefly unknown to some brokers: retry those errors. */
    private static <T> T untilReady(java.util.concurrent.Callable<T> call, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return call.call();
            } catch (Exception e) {
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                if (!(cause instanceof RetriableException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    /** Partition -> leader: with one leader per broker, the round trip reached every broker. */
    private static Map<Integer, Integer> leaders(ClusterProbe probe, String topic, Duration timeout) throws Exception {
        Map<Integer, Integer> leaders = new java.util.TreeMap<>();
        probe.admin().describeTopics(List.of(topic)).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .get(topic).partitions().forEach(p -> leaders.put(p.partition(), p.leader() == null ? -1
                        : p.leader().id()));
        return leaders;
    }

    /**
     * acks=all, idempotent, within the timeout. Kafka refuses a producer whose delivery timeout is shorter than
     * its request timeout plus linger.ms (5 ms by default from 4.0), so the delivery timeout covers both.
     */
    static Properties producerConfig(String bootstrap, Properties login, Duration timeout) {
        int linger = 5;
        int request = (int) Math.min(timeout.toMillis(), 30_000);
        Properties config = new Properties();
        config.putAll(login);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, linger);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, request);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(timeout.toMillis(), request + linger));
        return config;
    }

    private static void produce(String bootstrap, Properties login, String topic, String run, int count,
            Duration timeout) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(bootstrap, login, timeout),
                new StringSerializer(), new StringSerializer())) {
            List<java.util.concurrent.Future<?>> sends = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                sends.add(producer.send(new ProducerRecord<>(topic, (i - 1) % PARTITIONS, run, "Test message " + i)));
            }
            for (var send : sends) {
                send.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    private static int consume(KafkaConsumer<String, String> consumer, String run, int count, Duration timeout) {
        int received = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received < count && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                if (run.equals(record.key())) {
                    received++;
                }
            }
        }
        return received;
    }

    private static Properties consumerConfig(String bootstrap, Properties login) {
        Properties config = new Properties();
        config.putAll(login);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return config;
    }

    private static List<Map<String, Object>> advertised(List<Node> nodes) {
        List<Map<String, Object>> result = new ArrayList<>();
        for (Node node : nodes) {
            Map<String, Object> entry = new HashMap<>();
            entry.put("id", node.id());
            entry.put("host", node.host());
            entry.put("port", node.port());
            result.add(entry);
        }
        result.sort((a, b) -> Integer.compare((int) a.get("id"), (int) b.get("id")));
        return result;
    }
}
