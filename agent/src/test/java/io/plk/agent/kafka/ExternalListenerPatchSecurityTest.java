package io.plk.agent.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plk.agent.kafka.ExternalListenerPatch.Patched;
import io.plk.agent.kafka.ExternalListenerPatch.Refused;
import java.util.List;
import org.junit.jupiter.api.Test;

/** EXTERNAL secured on a running cluster: SCRAM switched on and off in place, and the setups it leaves alone. */
class ExternalListenerPatchSecurityTest {
    private static final String NAME = "b1.usw2-az1.unique_name.aws.plc.tidbcloud.com";
    private static final ExternalListenerPatch PATCH = new ExternalListenerPatch(1, 39092, NAME, 9093, false);
    private static final ExternalListenerPatch SCRAM_512 = PATCH.withSecurity(ExternalSecurity.scram("SCRAM-SHA-512"));
    private static final String LOGIN = "org.apache.kafka.common.security.scram.ScramLoginModule required;";
    static final String LIVE = """
            # hand-written
            process.roles=broker,controller
            node.id=1
            controller.listener.names=CONTROLLER
            listeners=INTERNAL://0.0.0.0:9092,CONTROLLER://0.0.0.0:29092
            advertised.listeners=INTERNAL://10.0.1.11:9092
            listener.security.protocol.map=INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT
            log.dirs=/data
            """;

    @Test
    void scramOnANewExternalListenerAddsOnlyTheListenerScopedLines() {
        Patched patched = patched(SCRAM_512, LIVE);
        assertEquals(LIVE.replace("INTERNAL://10.0.1.11:9092\n", "INTERNAL://10.0.1.11:9092,EXTERNAL://" + NAME
                        + ":9093\nlistener.name.external.sasl.enabled.mechanisms=SCRAM-SHA-512\n"
                        + "listener.name.external.scram-sha-512.sasl.jaas.config=" + LOGIN + "\n")
                .replace("listeners=INTERNAL://0.0.0.0:9092,CONTROLLER://0.0.0.0:29092",
                        "listeners=INTERNAL://0.0.0.0:9092,CONTROLLER://0.0.0.0:29092,EXTERNAL://0.0.0.0:39092")
                .replace("CONTROLLER:PLAINTEXT\n", "CONTROLLER:PLAINTEXT,EXTERNAL:SASL_PLAINTEXT\n"), patched.text());
        assertFalse(patched(SCRAM_512, patched.text()).changed(), "a second run changes nothing");
    }

    @Test
    void aPlaintextExternalListenerSwitchesToScramAndBackInPlace() {
        String plaintext = patched(PATCH, LIVE).text();
        Patched scram = patched(SCRAM_512, plaintext);
        assertTrue(scram.changes().contains("listener.security.protocol.map: EXTERNAL PLAINTEXT -> SASL_PLAINTEXT"),
                scram.changes().toString());
        assertEquals(patched(SCRAM_512, LIVE).text(), scram.text(), "the same file as securing it at once");

        Patched back = patched(PATCH, scram.text());
        assertEquals(plaintext, back.text(), "switched off: the two lines removed, the map entry PLAINTEXT again");
        assertTrue(back.changes().contains("listener.name.external.sasl.enabled.mechanisms: removed (EXTERNAL is"
                + " PLAINTEXT)"), back.changes().toString());
    }

    @Test
    void anotherScramMechanismReplacesTheToolsOwnLines() {
        String sha512 = patched(SCRAM_512, LIVE).text();
        Patched sha256 = patched(PATCH.withSecurity(ExternalSecurity.scram("SCRAM-SHA-256")), sha512);
        assertTrue(sha256.text().contains("listener.name.external.sasl.enabled.mechanisms=SCRAM-SHA-256\n"));
        assertTrue(sha256.text().contains("listener.name.external.scram-sha-256.sasl.jaas.config=" + LOGIN + "\n"));
        assertFalse(sha256.text().contains("scram-sha-512"), sha256.text());
        assertEquals(sha512.lines().count(), sha256.text().lines().count());
    }

    @Test
    void aLineRemovedWhereNewLinesGoKeepsTheNewLines() {
        String jaasRightAfterAdvertised = patched(PATCH, LIVE).text().replace("EXTERNAL://" + NAME + ":9093\n",
                "EXTERNAL://" + NAME + ":9093\nlistener.name.external.scram-sha-512.sasl.jaas.config=" + LOGIN + "\n");
        String sha256 = patched(PATCH.withSecurity(ExternalSecurity.scram("SCRAM-SHA-256")), jaasRightAfterAdvertised)
                .text();
        assertTrue(sha256.contains(":9093\nlistener.name.external.sasl.enabled.mechanisms=SCRAM-SHA-256\n"
                + "listener.name.external.scram-sha-256.sasl.jaas.config=" + LOGIN + "\nlistener.security"), sha256);
    }

    @Test
    void refusesExternalSecurityTheClusterSetUpItself() {
        String ssl = LIVE.replace("CONTROLLER:PLAINTEXT\n", "CONTROLLER:PLAINTEXT,EXTERNAL:SASL_SSL\n");
        assertRefused(SCRAM_512, ssl, "maps EXTERNAL to SASL_SSL, a setup of the cluster's own", "line 7: ");

        String keystore = LIVE + "listener.name.external.ssl.keystore.location=/etc/kafka/external.jks\n";
        assertRefused(SCRAM_512, keystore, "EXTERNAL already has a security setting of the cluster's own",
                "line 9: \"listener.name.external.ssl.keystore.location=/etc/kafka/external.jks\"");
        assertRefused(PATCH, keystore, "EXTERNAL already has a security setting of the cluster's own", "line 9");
    }

    @Test
    void aLoginLineOfTheClustersOwnIsRefusedAndItsSecretNotQuoted() {
        String plain = LIVE + "listener.name.external.scram-sha-512.sasl.jaas.config=org.apache.kafka.common."
                + "security.plain.PlainLoginModule required user_admin=\"s3cret-value\";\n";
        Refused refused = assertInstanceOf(Refused.class, SCRAM_512.apply(plain));
        assertTrue(refused.reason().contains("line 9: \"listener.name.external.scram-sha-512.sasl.jaas.config=****\""),
                refused.reason());
        assertFalse(refused.reason().contains("s3cret-value"), refused.reason());

        String mechanisms = LIVE + "listener.name.external.sasl.enabled.mechanisms=PLAIN,SCRAM-SHA-512\n";
        assertRefused(SCRAM_512, mechanisms, "a security setting of the cluster's own", "line 9");
    }

    @Test
    void onlyPlaintextOrScramOverSaslPlaintext() {
        assertThrows(IllegalArgumentException.class, () -> new ExternalSecurity("SASL_PLAINTEXT", "PLAIN"));
        assertThrows(IllegalArgumentException.class, () -> new ExternalSecurity("SSL", null));
        assertThrows(IllegalArgumentException.class, () -> new ExternalSecurity("PLAINTEXT", "SCRAM-SHA-512"));
        assertEquals(List.of("listener.name.external.sasl.enabled.mechanisms",
                        "listener.name.external.scram-sha-256.sasl.jaas.config"),
                List.copyOf(ExternalSecurity.scram("SCRAM-SHA-256").settings().keySet()));
    }

    private static Patched patched(ExternalListenerPatch patch, String text) {
        return assertInstanceOf(Patched.class, patch.apply(text), () -> text);
    }

    private static void assertRefused(ExternalListenerPatch patch, String text, String... parts) {
        Refused refused = assertInstanceOf(Refused.class, patch.apply(text));
        for (String part : parts) {
            assertTrue(refused.reason().contains(part), () -> refused.reason() + " lacks " + part);
        }
    }
}
