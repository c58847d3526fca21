package io.plk.orchestrator.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Whether a diff switches EXTERNAL's protocol, the one change the cloud side must follow. */
class ExternalProtocolSwitchTest {
    private static final String OLD = "-listener.security.protocol.map=INTERNAL:PLAINTEXT,EXTERNAL:PLAINTEXT\n";

    @Test
    void switchingToScramTellsTheChangefeedToLogIn() {
        String diff = "--- a\n+++ b\n@@ -1,2 +1,3 @@\n" + OLD
                + "+listener.security.protocol.map=INTERNAL:PLAINTEXT,EXTERNAL:SASL_PLAINTEXT\n"
                + "+listener.name.external.sasl.enabled.mechanisms=SCRAM-SHA-512\n";
        String warning = ExternalProtocolSwitch.in(diff).orElseThrow();
        assertTrue(warning.startsWith("EXTERNAL switches from PLAINTEXT to SASL_PLAINTEXT"), warning);
        assertTrue(warning.contains("changefeed must then log in"), warning);
    }

    @Test
    void switchingBackSaysEveryTopicIsOpen() {
        String diff = "-listener.security.protocol.map=EXTERNAL:SASL_PLAINTEXT,INTERNAL:PLAINTEXT\n"
                + "+listener.security.protocol.map=EXTERNAL:PLAINTEXT,INTERNAL:PLAINTEXT\n";
        assertTrue(ExternalProtocolSwitch.in(diff).orElseThrow().contains("reads and writes every topic"));
    }

    @Test
    void turningTlsOnTellsTheChangefeedToTurnItOnToo() {
        String diff = "-listener.security.protocol.map=EXTERNAL:SASL_PLAINTEXT\n"
                + "+listener.security.protocol.map=EXTERNAL:SASL_SSL\n";
        assertTrue(ExternalProtocolSwitch.in(diff).orElseThrow().contains("must then turn TLS on in its Kafka sink"));
    }

    @Test
    void otherChangesAndANewFileAreNoSwitch() {
        assertEquals(Optional.empty(), ExternalProtocolSwitch.in(OLD
                + "+listener.security.protocol.map=INTERNAL:PLAINTEXT,EXTERNAL:PLAINTEXT,SSL:SSL\n"));
        assertEquals(Optional.empty(), ExternalProtocolSwitch.in(
                "+listener.security.protocol.map=INTERNAL:PLAINTEXT,EXTERNAL:SASL_PLAINTEXT\n"));
        assertEquals(Optional.empty(), ExternalProtocolSwitch.in(null));
    }
}
