package io.plk.agent.verify;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** verify's producer can be built for any timeout: seen failing for 20 s on Kafka 4.x (linger.ms 5 by default). */
class RoundTripProducerTest {

    @ParameterizedTest
    @ValueSource(ints = {5, 20, 30, 60, 180})
    void aProducerIsBuiltForEveryTimeout(int seconds) {
        Properties config = RoundTrip.producerConfig("localhost:1", new Properties(), Duration.ofSeconds(seconds));
        assertDoesNotThrow(() -> new KafkaProducer<>(config, new StringSerializer(), new StringSerializer()).close());
    }
}
