package io.plk.agent.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The template's dedicated shapes: a broker only, a controller only, each with a static or a dynamic quorum. */
class TopologyTemplateTest {

    @Test
    void aBrokerOnlyNodeHasNoControllerListenerButStillNamesIt() throws Exception {
        Properties broker = render(model("broker", false, true));
        assertEquals("broker", broker.getProperty("process.roles"));
        assertEquals("INTERNAL://0.0.0.0:9092,EXTERNAL://0.0.0.0:39092", broker.getProperty("listeners"));
        assertEquals("INTERNAL://10.0.0.14:9092,EXTERNAL://b4.az1.example:9094",
                broker.getProperty("advertised.listeners"), "no CONTROLLER even where the version takes it");
        assertEquals("CONTROLLER", broker.getProperty("controller.listener.names"));
        assertEquals("INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT,EXTERNAL:SASL_PLAINTEXT,SSL:SSL,"
                + "SASL_PLAINTEXT:SASL_PLAINTEXT,SASL_SSL:SASL_SSL", broker.getProperty("listener.security.protocol.map"));
        assertEquals("SCRAM-SHA-512", broker.getProperty("listener.name.external.sasl.enabled.mechanisms"));
        assertEquals("usw2-az1", broker.getProperty("broker.rack"));
        assertEquals("1@10.0.0.11:29092,2@10.0.0.12:29092,3@10.0.0.13:29092",
                broker.getProperty("controller.quorum.voters"));
        assertNull(broker.getProperty("controller.quorum.bootstrap.servers"));
    }

    @Test
    void aControllerOnlyNodeHasOnlyTheControllerListenerAndTheBrokersAuthorizer() throws Exception {
        Properties controller = render(model("controller", true, true));
        assertEquals("controller", controller.getProperty("process.roles"));
        assertEquals("CONTROLLER://0.0.0.0:29092", controller.getProperty("listeners"));
        assertEquals("CONTROLLER://10.0.0.14:29092", controller.getProperty("advertised.listeners"));
        assertEquals("CONTROLLER:PLAINTEXT", controller.getProperty("listener.security.protocol.map"));
        assertEquals("org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                controller.getProperty("authorizer.class.name"));
        assertEquals("User:ANONYMOUS", controller.getProperty("super.users"));
        assertEquals("10.0.0.11:29092,10.0.0.12:29092,10.0.0.13:29092",
                controller.getProperty("controller.quorum.bootstrap.servers"));
        assertEquals("/data/kafka", controller.getProperty("log.dirs"));
        for (Object key : controller.keySet()) {
            assertFalse(key.toString().contains("external") || key.toString().equals("broker.rack")
                    || key.toString().equals("inter.broker.listener.name"), "a broker's key on a controller: " + key);
        }
        assertEquals(10, controller.size(), controller.keySet().toString());
    }

    @Test
    void aControllerOnlyNodeOfKafka37AdvertisesNothingAndNeedsNoExternalModel() throws Exception {
        Map<String, Object> model = model("controller", false, false);
        model.remove("external");
        Properties controller = render(model);
        assertNull(controller.getProperty("advertised.listeners"));
        assertNull(controller.getProperty("authorizer.class.name"));
        assertEquals("1@10.0.0.11:29092,2@10.0.0.12:29092,3@10.0.0.13:29092",
                controller.getProperty("controller.quorum.voters"));
    }

    @Test
    void aCombinedNodeOfADynamicQuorumAdvertisesItsController() throws Exception {
        Properties combined = render(model("broker,controller", true, true));
        assertEquals("INTERNAL://0.0.0.0:9092,CONTROLLER://0.0.0.0:29092,EXTERNAL://0.0.0.0:39092",
                combined.getProperty("listeners"));
        assertEquals("INTERNAL://10.0.0.14:9092,EXTERNAL://b4.az1.example:9094,CONTROLLER://10.0.0.14:29092",
                combined.getProperty("advertised.listeners"));
        assertNull(combined.getProperty("controller.quorum.voters"));
    }

    /**
     * Node 4 in usw2-az1, SASL_PLAINTEXT with the authorizer; the model of a controller-only node has no
     * externalHost or advertisedPort.
     */
    private static Map<String, Object> model(String roles, boolean dynamic, boolean advertisesController) {
        Map<String, Object> broker = new LinkedHashMap<>();
        broker.put("roles", roles);
        broker.put("nodeId", 4);
        broker.put("azId", "usw2-az1");
        broker.put("host", "10.0.0.14");
        broker.put("brokerId", "b4");
        broker.put("dataDir", "/data/kafka");
        if (roles.contains("broker")) {
            broker.put("externalHost", "b4.az1.example");
            broker.put("advertisedPort", 9094);
        }
        if (advertisesController) {
            broker.put("controllerAdvertised", "10.0.0.14:29092");
        }
        Map<String, Object> model = new HashMap<>();
        model.put("cluster", Map.of("name", "c", "id", "x"));
        model.put("broker", broker);
        model.put("ports", Map.of("controller", 29092, "internal", 9092, "external", 39092));
        model.put("external", Map.of("securityProtocol", "SASL_PLAINTEXT", "mechanism", "SCRAM-SHA-512",
                "authorizer", true));
        if (dynamic) {
            model.put("quorumBootstrapServers", "10.0.0.11:29092,10.0.0.12:29092,10.0.0.13:29092");
        } else {
            model.put("quorumVoters", "1@10.0.0.11:29092,2@10.0.0.12:29092,3@10.0.0.13:29092");
        }
        model.put("properties", Map.of());
        return model;
    }

    private static Properties render(Map<String, Object> model) throws Exception {
        String template = Files.readString(Path.of("../templates/server.properties.ftl"));
        Properties loaded = new Properties();
        loaded.load(new StringReader(new ConfigRenderer().render(template, model)));
        return loaded;
    }
}
