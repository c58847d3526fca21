package io.plk.orchestrator.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.plk.agent.protocol.AgentRequest;
import io.plk.orchestrator.inventory.InventoryLoader;
import io.plk.orchestrator.inventory.RunbookInventory;
import io.plk.orchestrator.inventory.TlsInventory;
import io.plk.orchestrator.plan.Plan;
import io.plk.orchestrator.plays.BrokerRequests;
import io.plk.orchestrator.tls.CertificateChecks;
import io.plk.orchestrator.tls.PemFiles;
import java.io.StringReader;
import java.nio.file.Files;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * privateLink.tls in what each broker gets: SASL_SSL and a PEM keystore location in server.properties with
 * the certificate's fingerprint (a new certificate is a changed file, so a rolling restart), the key only on
 * the agent's stdin, the CA in the clients' login.
 */
class ExternalTlsTemplateTest {

    @Test
    void tlsMakesExternalSaslSslWithAPemKeystoreAndTheFingerprintButNeverTheKey() throws Exception {
        Plan plan = plan("template");
        var broker = plan.broker(1);
        String rendered = new BrokerConfig(plan).render(broker);
        Properties config = new Properties();
        config.load(new StringReader(rendered));
        assertEquals("INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT,EXTERNAL:SASL_SSL,SSL:SSL,SASL_PLAINTEXT:"
                + "SASL_PLAINTEXT,SASL_SSL:SASL_SSL", config.getProperty("listener.security.protocol.map"));
        assertEquals("SCRAM-SHA-512", config.getProperty("listener.name.external.sasl.enabled.mechanisms"));
        assertEquals("PEM", config.getProperty("listener.name.external.ssl.keystore.type"));
        assertEquals("/home/ec2-user/config/external-tls.pem",
                config.getProperty("listener.name.external.ssl.keystore.location"));
        String fingerprint = CertificateChecks.fingerprint(PemFiles.certificates(TlsInventory.dir()
                .resolve("template.pem")).get(0));
        assertTrue(rendered.contains("\n#   " + fingerprint + "\n"), rendered);
        assertEquals(95, fingerprint.length(), "32 bytes as AB:CD:...");

        Map<String, Object> keystore = new BrokerRequests(plan).keystore(broker);
        @SuppressWarnings("unchecked")
        Map<String, String> sent = (Map<String, String>) keystore.get("externalKeystore");
        String key = Files.readString(TlsInventory.dir().resolve("template.key"));
        assertEquals(key.replaceAll("\\s", ""), sent.get("privateKey").replaceAll("\\s", ""));
        assertEquals("/home/ec2-user/config/external-tls.pem", sent.get("location"));
        assertTrue(sent.get("certificateChain").startsWith("-----BEGIN CERTIFICATE-----"));
        String keyBody = key.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        assertFalse(rendered.contains(keyBody), "the key is not in server.properties");
        assertEquals(Files.readString(TlsInventory.dir().resolve("ca.pem")).replaceAll("\\s", ""),
                ((String) new BrokerRequests(plan).login().get("externalCa")).replaceAll("\\s", ""));
        Map<String, Object> overrides = new java.util.HashMap<>(keystore);
        overrides.putAll(new BrokerRequests(plan).login());
        AgentRequest request = new BrokerRequests(plan).with(broker, overrides);
        assertEquals(request, new ObjectMapper().readValue(new ObjectMapper().writeValueAsString(request),
                AgentRequest.class), "the keystore and the CA survive the trip to the agent's strict reader");
        assertFalse(request.toString().contains(keyBody), "the request's toString hides the key");
    }

    @Test
    void aNewCertificateChangesTheRenderedFile() throws Exception {
        String first = new BrokerConfig(plan("first")).render(plan("first").broker(2));
        String renewed = new BrokerConfig(plan("renewed")).render(plan("renewed").broker(2));
        assertNotEquals(first, renewed);
        assertEquals(first.lines().filter(l -> !l.startsWith("#   ")).toList(),
                renewed.lines().filter(l -> !l.startsWith("#   ")).toList(), "only the fingerprint differs");
    }

    @Test
    void withoutTlsNeitherTheKeystoreNorTheCaIsSent() throws Exception {
        Plan plan = Plan.of(InventoryLoader.load(RunbookInventory.write(RunbookInventory.TEXT)));
        assertEquals(Map.of(), new BrokerRequests(plan).keystore(plan.broker(1)));
        assertFalse(new BrokerConfig(plan).render(plan.broker(1)).contains("ssl.keystore"));
    }

    private static Plan plan(String certificate) throws Exception {
        TlsInventory.issued(certificate, TlsInventory.NAMES);
        return Plan.of(InventoryLoader.load(RunbookInventory.write(TlsInventory.text(TlsInventory.files(certificate)))));
    }
}
