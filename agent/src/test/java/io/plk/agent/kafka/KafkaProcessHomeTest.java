package io.plk.agent.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which Kafka home a running broker came from: what tells a new version installed beside it from the one it runs. */
class KafkaProcessHomeTest {

    @Test
    void theHomeIsReadFromTheRunningClassPath() throws Exception {
        Process fake = new ProcessBuilder("python3", "-c", "import time; time.sleep(30)", "-cp",
                "/opt/plk-test/kafka_2.13-3.7.1/libs/*", "kafka.Kafka", "/tmp/server.properties").start();
        try {
            Thread.sleep(200);
            assertEquals(Optional.of(Path.of("/opt/plk-test/kafka_2.13-3.7.1")), KafkaProcess.home(fake.toHandle()));
        } finally {
            fake.destroyForcibly();
        }
        Process other = new ProcessBuilder("sleep", "30").start();
        try {
            assertEquals(Optional.empty(), KafkaProcess.home(other.toHandle()));
        } finally {
            other.destroyForcibly();
        }
    }
}
