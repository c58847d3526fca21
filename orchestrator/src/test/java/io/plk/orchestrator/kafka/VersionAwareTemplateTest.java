package io.plk.orchestrator.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.plk.agent.kafka.KafkaVersion;
import io.plk.orchestrator.plan.Plan;
import java.io.IOException;
import java.io.StringReader;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionAwareTemplateTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "3.7.1| INTERNAL://10.0.0.12:9092,EXTERNAL://b1.usw2-az1.unique_name.aws.plc.tidbcloud.com:9093",
        "3.8.1| INTERNAL://10.0.0.12:9092,EXTERNAL://b1.usw2-az1.unique_name.aws.plc.tidbcloud.com:9093",
        "3.9.0| INTERNAL://10.0.0.12:9092,EXTERNAL://b1.usw2-az1.unique_name.aws.plc.tidbcloud.com:9093,CONTROLLER://10.0.0.12:29092",
        "4.1.1| INTERNAL://10.0.0.12:9092,EXTERNAL://b1.usw2-az1.unique_name.aws.plc.tidbcloud.com:9093,CONTROLLER://10.0.0.12:29092",
    })
    void controllerIsAdvertisedAtThePrivateAddressFromKafka39(String release, String advertised) throws IOException {
        Plan plan = VersionedTemplate.runbookWith(release);
        assertEquals(KafkaVersion.ofRelease(release), plan.kafkaVersion());
        Properties rendered = new Properties();
        rendered.load(new StringReader(new BrokerConfig(plan).render(plan.broker(1))));
        assertEquals(advertised, rendered.getProperty("advertised.listeners"));
        assertEquals("1@10.0.0.12:29092,2@10.0.64.12:29092,3@10.0.128.12:29092",
                rendered.getProperty("controller.quorum.voters"));
    }

    @ParameterizedTest
    @CsvSource({"kafka_2.13-4.1.1.tgz, 4.1.1", "kafka_2.12-3.7.1.tar.gz, 3.7.1", "kafka-latest.tgz, ", "kafka_2.13-4.1.tgz, "})
    void theVersionComesFromApachesArchiveName(String fileName, String release) {
        assertEquals(Optional.ofNullable(release).flatMap(KafkaVersion::ofRelease), KafkaVersion.ofArchive(fileName));
    }
}
