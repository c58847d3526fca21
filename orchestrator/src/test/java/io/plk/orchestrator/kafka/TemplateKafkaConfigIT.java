package io.plk.orchestrator.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plk.agent.kafka.KafkaJars;
import io.plk.orchestrator.plan.BrokerPlan;
import io.plk.orchestrator.plan.Plan;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kafka itself, from the jars of each supported version, reads what the template renders for that
 * version, and refuses what the template avoids: 3.7 a CONTROLLER in advertised.listeners of a combined node.
 */
class TemplateKafkaConfigIT {

    @ParameterizedTest
    @ValueSource(strings = {"plk.kafka.archive", "plk.kafka.current.archive"})
    void eachVersionAcceptsItsOwnRenderingForEveryBroker(String archiveProperty) throws Exception {
        Path archive = Path.of(System.getProperty(archiveProperty));
        String release = release(archive);
        Plan plan = VersionedTemplate.runbookWith(release);
        try (KafkaJars kafka = KafkaJars.unpack(archive)) {
            for (BrokerPlan broker : plan.brokers()) {
                Object config = kafka.kafkaConfig(new BrokerConfig(plan).render(broker));
                String advertised = KafkaJars.advertisedBrokerListeners(config);
                assertTrue(advertised.contains(broker.externalHost()) && advertised.contains(broker.host()), advertised);
                if (plan.kafkaVersion().orElseThrow().advertisesController()) {
                    String controller = KafkaJars.advertisedControllerListeners(config);
                    assertTrue(controller.contains(broker.host()) && controller.contains("29092")
                            && !controller.contains("0.0.0.0"), release + " announces " + controller);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"plk.kafka.archive", "plk.kafka.current.archive"})
    void eachVersionAcceptsScramOnExternalWithTheAuthorizerAndHasItsClass(String archiveProperty) throws Exception {
        Path archive = Path.of(System.getProperty(archiveProperty));
        String release = release(archive);
        Plan plan = VersionedTemplate.runbookWith(release, "auth: {users: [{name: tidb-cdc, passwordEnv: HOME, "
                + "acls: changefeed}]}");
        String rendered = new BrokerConfig(plan).render(plan.broker(1));
        Properties config = new Properties();
        config.load(new StringReader(rendered));
        String authorizer = config.getProperty("authorizer.class.name");
        assertEquals("User:ANONYMOUS", config.getProperty("super.users"), rendered);
        try (KafkaJars kafka = KafkaJars.unpack(archive)) {
            kafka.kafkaConfig(rendered);
            assertTrue(kafka.hasClass(authorizer), release + " lacks " + authorizer);
            assertTrue(!kafka.hasClass(authorizer + "Missing"), "the class check can fail");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"plk.kafka.archive"})
    void kafka37RefusesTheAdvertisedControllerThatLaterVersionsNeed(String archiveProperty) throws Exception {
        Plan later = VersionedTemplate.runbookWith("4.1.1");
        String rendered = new BrokerConfig(later).render(later.broker(1));
        try (KafkaJars kafka37 = KafkaJars.unpack(Path.of(System.getProperty(archiveProperty)))) {
            AssertionError refused = assertThrows(AssertionError.class, () -> kafka37.kafkaConfig(rendered));
            assertTrue(String.valueOf(refused.getCause()).contains("advertised.listeners"), String.valueOf(refused));
        }
    }

    private static String release(Path archive) {
        return archive.getFileName().toString().replaceAll("^kafka_[0-9.]+-|\\.tgz$", "");
    }
}
