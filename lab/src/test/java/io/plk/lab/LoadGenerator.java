package io.plk.lab;

import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A producer (acks=all, idempotent) sending numbered messages to an RF 3, min ISR 2 topic while a
 * test restarts brokers; afterwards every acknowledged number must be read back exactly once.
 */
final class LoadGenerator implements AutoCloseable {
    record Outcome(long sent, long acked, long failedSends, long missing, long duplicates) {
        /** No send failed, every acknowledged message was read back, none twice. */
        void assertNothingLostOrDuplicated() {
            org.junit.jupiter.api.Assertions.assertEquals(0, failedSends, toString());
            org.junit.jupiter.api.Assertions.assertEquals(0, missing, toString());
            org.junit.jupiter.api.Assertions.assertEquals(0, duplicates, toString());
        }
    }

    private final String bootstrap;
    private final String topic;
    private final KafkaProducer<String, String> producer;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final BitSet ackedNumbers = new BitSet();
    private final Thread sender;
    private long sent;

    private LoadGenerator(String bootstrap, String topic) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // one request in flight: a retried batch can never arrive behind a later one, so what this counts is the
        // roll's effect, not the client's reordering (the failure above came back in one batch after another)
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
        this.sender = new Thread(this::send, "load-generator");
    }

    static LoadGenerator start(String bootstrap, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 3)
                    .configs(Map.of("min.insync.replicas", "2")))).all().get();
            awaitLedAndInSync(admin, topic);
        }
        LoadGenerator load = new LoadGenerator(bootstrap, topic);
        load.sender.start();
        return load;
    }

    /**
     * A new topic's partitions get their leaders and followers a moment after it exists; producing before that races
     * the election (seen in CI: an idempotent producer's first batches to one partition answered
     * OUT_OF_ORDER_SEQUENCE_NUMBER until their delivery timeout, 8 failed sends, nothing to do with the roll).
     */
    private static void awaitLedAndInSync(Admin admin, String topic) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String last = "not described yet";
        while (System.nanoTime() < deadline) {
            try {
                TopicDescription described = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
                if (described.partitions().stream().allMatch(p -> p.leader() != null
                        && p.isr().size() == p.replicas().size())) {
                    return;
                }
                last = described.toString();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("topic " + topic + " not led and in sync after 60 s: " + last);
    }

    private void send() {
        while (running.get()) {
            long number = sent++;
            producer.send(new ProducerRecord<>(topic, Long.toString(number), Long.toString(number)), (meta, e) -> {
                if (e == null) {
                    synchronized (ackedNumbers) {
                        ackedNumbers.set((int) number);
                    }
                    acked.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                }
            });
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    long acked() {
        return acked.get();
    }

    void awaitAcked(long count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (acked.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        if (acked.get() < count) {
            throw new AssertionError("only " + acked.get() + " of " + count + " messages acknowledged");
        }
    }

    Outcome stopAndCount() throws InterruptedException {
        running.set(false);
        sender.join();
        producer.flush();
        BitSet seen = new BitSet();
        long[] duplicates = {0};
        TopicReader.readAll(bootstrap, topic, Duration.ofSeconds(60), record -> {
            int number = Integer.parseInt(record.value());
            if (seen.get(number)) {
                duplicates[0]++;
            }
            seen.set(number);
        });
        BitSet missing;
        synchronized (ackedNumbers) {
            missing = (BitSet) ackedNumbers.clone();
        }
        missing.andNot(seen);
        return new Outcome(sent, acked.get(), failed.get(), missing.cardinality(), duplicates[0]);
    }

    @Override
    public void close() {
        running.set(false);
        producer.close(Duration.ofSeconds(5));
    }
}
