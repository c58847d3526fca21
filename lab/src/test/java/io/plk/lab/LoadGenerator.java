package io.plk.lab;

import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
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
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
        this.sender = new Thread(this::send, "load-generator");
    }

    static LoadGenerator start(String bootstrap, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 3)
                    .configs(Map.of("min.insync.replicas", "2")))).all().get();
        }
        LoadGenerator load = new LoadGenerator(bootstrap, topic);
        load.sender.start();
        return load;
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
