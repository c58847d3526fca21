package io.plk.agent.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UnadvertisedControllerTest {
    private static final String COMBINED = """
            process.roles=broker,controller
            controller.listener.names=CONTROLLER
            listeners=INTERNAL://0.0.0.0:9092,CONTROLLER://0.0.0.0:29092
            advertised.listeners=INTERNAL://10.0.0.12:9092
            """;

    @Test
    void aKafka4ControllerWithoutAnAdvertisedControllerIsWarnedAboutWithWhatToAdd() throws IOException {
        Optional<String> warning = UnadvertisedController.warning(COMBINED, KafkaVersion.ofRelease("4.1.1"));
        assertTrue(warning.orElseThrow().contains("add CONTROLLER://<this node's private address>:<its port>"),
                warning.toString());
    }

    @Test
    void kafka37OrAnAdvertisedControllerOrABrokerOnlyNodeIsFine() throws IOException {
        assertEquals(Optional.empty(), UnadvertisedController.warning(COMBINED, KafkaVersion.ofRelease("3.7.1")));
        assertEquals(Optional.empty(), UnadvertisedController.warning(COMBINED.replace("10.0.0.12:9092",
                "10.0.0.12:9092,CONTROLLER://10.0.0.12:29092"), KafkaVersion.ofRelease("4.1.1")));
        assertEquals(Optional.empty(), UnadvertisedController.warning(COMBINED.replace("broker,controller", "broker"),
                KafkaVersion.ofRelease("4.1.1")));
        assertEquals(Optional.empty(), UnadvertisedController.warning(COMBINED, Optional.empty()));
    }
}
