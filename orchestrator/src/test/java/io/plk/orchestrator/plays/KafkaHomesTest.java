package io.plk.orchestrator.plays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plk.orchestrator.inventory.BadInputException;
import io.plk.orchestrator.plan.BrokerPlan;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KafkaHomesTest {
    private static final String CONFIG = "/opt/kafka/config/server.properties";

    @Test
    void apachesRunClassScriptListsEveryJarUnderBinDotDotLibs() throws Exception {
        String listing = "/usr/bin/java\n-Xmx1G\n-cp\n/opt/kafka/bin/../libs/activation-1.1.1.jar:"
                + "/opt/kafka/bin/../libs/kafka_2.13-3.7.1.jar\nkafka.Kafka\n" + CONFIG + "\n--\n";
        assertEquals(Optional.of("/opt/kafka"), KafkaHomes.fromProcesses(listing, CONFIG));
    }

    @Test
    void aSystemdUnitWithAWildcardClassPathAndOnlyTheProcessOfThisConfigFileCounts() throws Exception {
        String listing = "java\n-cp\n/srv/other/libs/*\nkafka.Kafka\n/srv/other/server.properties\n--\n"
                + "/usr/lib/jvm/bin/java\n-classpath\n/etc/kafka:/opt/kafka_2.13-4.1.1/libs/*\nkafka.Kafka\n"
                + "/etc/kafka/server.properties\n--\n";
        assertEquals(Optional.of("/opt/kafka_2.13-4.1.1"),
                KafkaHomes.fromProcesses(listing, "/etc/kafka/server.properties"));
        assertEquals(Optional.empty(), KafkaHomes.fromProcesses(listing, CONFIG), "no process of this config");
    }

    @Test
    void aBrokerWithoutARunningKafkaMakesTheHomeRequiredSayingWhere() {
        FakeCluster cluster = new FakeCluster(2, Path.of("/tmp"));
        Map<BrokerPlan, Optional<String>> found = new LinkedHashMap<>();
        found.put(cluster.broker(1), Optional.of("/opt/kafka"));
        found.put(cluster.broker(2), Optional.empty());
        var refused = assertThrows(BadInputException.class, () -> KafkaHomes.resolve(found));
        assertTrue(refused.getMessage().startsWith("existing.kafkaHome is not set "
                + "and no kafka.Kafka process runs with its config file on broker 2 (10.0.0.2, usw2-az2)"),
                refused.getMessage());
        found.put(cluster.broker(2), Optional.of("/srv/kafka"));
        assertEquals(Map.of(1, "/opt/kafka", 2, "/srv/kafka"), KafkaHomes.resolve(found));
    }

    @Test
    void theListingFindsARealProcessAndNotItsOwnShell() throws Exception {
        Process fake = new ProcessBuilder("python3", "-c", "import time; time.sleep(30)", "-cp",
                "/tmp/plk-home-test/bin/../libs/a.jar", "kafka.Kafka", "/tmp/plk-home-test/server.properties").start();
        try {
            Thread.sleep(300);
            Process list = new ProcessBuilder("bash", "-c", KafkaHomes.LIST_KAFKA_PROCESSES).start();
            String listing = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, list.waitFor());
            assertEquals(Optional.of("/tmp/plk-home-test"),
                    KafkaHomes.fromProcesses(listing, "/tmp/plk-home-test/server.properties"));
            // one process with this config, the fake: not the listing's own shell (other Kafkas on this machine may run)
            assertEquals(1, java.util.Arrays.stream(listing.split("\n--\n"))
                    .filter(p -> p.contains("/tmp/plk-home-test/server.properties")).count(), listing);
        } finally {
            fake.destroyForcibly();
        }
    }
}
