package io.plk.agent.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.plk.agent.protocol.ScramUser;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** How the agent's clients reach EXTERNAL: the protocol from login and CA, the host name checked except by address. */
class ClientLoginTest {
    private static final List<ScramUser> USER = List.of(new ScramUser("tidb-cdc", "SCRAM-SHA-512", "pw"));
    private static final String CA = "-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n";

    @Test
    void withACaTheLoginGoesOverTlsTrustingOnlyItAndChecksTheHostName() {
        Properties login = ClientLogin.asFirstOf(USER, CA);
        assertEquals("SASL_SSL", login.get("security.protocol"));
        assertEquals("PEM", login.get("ssl.truststore.type"));
        assertEquals(CA, login.get("ssl.truststore.certificates"));
        assertNull(login.get("ssl.endpoint.identification.algorithm"), "Kafka's default: https, the name checked");
    }

    @Test
    void byAddressOnlyTheHostNameIsNotComparedTheCaStillIs() {
        Properties login = ClientLogin.atAddress(USER, CA);
        assertEquals("", login.get("ssl.endpoint.identification.algorithm"));
        assertEquals(CA, login.get("ssl.truststore.certificates"));
        assertEquals("SASL_SSL", login.get("security.protocol"));
    }

    @Test
    void withoutACaNothingChangesForSaslPlaintextOrThePlaintextRunbook() {
        Properties sasl = ClientLogin.atAddress(USER, null);
        assertEquals("SASL_PLAINTEXT", sasl.get("security.protocol"));
        assertNull(sasl.get("ssl.endpoint.identification.algorithm"));
        assertEquals(new Properties(), ClientLogin.asFirstOf(List.of(), null));
        assertEquals(new Properties(), ClientLogin.asFirstOf(null, null));
    }
}
