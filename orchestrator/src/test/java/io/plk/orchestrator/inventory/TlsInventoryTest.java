package io.plk.orchestrator.inventory;

import static io.plk.orchestrator.inventory.TlsInventory.NAMES;
import static io.plk.orchestrator.inventory.TlsInventory.dir;
import static io.plk.orchestrator.inventory.TlsInventory.files;
import static io.plk.orchestrator.inventory.TlsInventory.issued;
import static io.plk.orchestrator.inventory.TlsInventory.name;
import static io.plk.orchestrator.inventory.TlsInventory.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plk.agent.tls.TestCertificates;
import io.plk.orchestrator.cli.Main;
import io.plk.orchestrator.plan.Plan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code privateLink.tls}: every way a certificate, key or CA file can be unfit for EXTERNAL is refused with
 * its field and line (exit 2) before anything is touched, and what fits turns EXTERNAL into SASL_SSL.
 */
class TlsInventoryTest {
    private static final int TLS_LINE = 14;

    @Test
    void certificatesForTheAdvertisedNamesMakeExternalSaslSsl() throws Exception {
        TlsInventory.write(TlsInventory.ca().issue("rsa", "RSA", NAMES, null, 30), "rsa");
        assertEquals("SASL_SSL", plan(text(files("rsa"))).externalSecurityProtocol());
        issued("brokers", NAMES);
        Plan plan = plan(text(files("brokers")));
        assertEquals("SASL_SSL", plan.externalSecurityProtocol());
        assertEquals(dir().resolve("brokers.pem"), plan.tlsIdentity(plan.broker(2)).orElseThrow().certificateFile());
        assertEquals(List.of(name(3, 3)), plan.tlsNames(plan.broker(3)));
    }

    @Test
    void tlsWithoutAuthenticationIsRefusedWithTheReason() throws Exception {
        issued("brokers", NAMES);
        String yaml = RunbookInventory.TEXT.replace(TlsInventory.AUTH, TlsInventory.AUTH + "\n  tls: " + files("brokers"));
        assertRefused(yaml, "privateLink.tls", TLS_LINE, "needs a SCRAM mechanism");
    }

    @Test
    void aMissingFileOrAFolderIsNamed() throws Exception {
        issued("brokers", NAMES);
        assertRefused(text(files("brokers").replace("brokers.pem", "nope.pem")), "privateLink.tls.certificate",
                TLS_LINE, "nope.pem does not exist");
        assertRefused(text(files("brokers").replace("ca.pem", "")), "privateLink.tls.ca", TLS_LINE,
                "is not a file");
    }

    @Test
    void aKeyOthersCanReadIsRefusedWithChmod() throws Exception {
        Path certificate = TlsInventory.write(TlsInventory.ca().issue("readable", NAMES), "readable");
        Path key = certificate.resolveSibling("readable.key");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r-----"));
        assertRefused(text(files("readable")), "privateLink.tls.key", TLS_LINE, "chmod 600 " + key);
    }

    @Test
    void notPemNotACertificateNotAKeyAreToldApart() throws Exception {
        issued("brokers", NAMES);
        Files.writeString(dir().resolve("garbage.pem"), "not a certificate\n");
        assertRefused(text(files("brokers").replace("brokers.pem", "garbage.pem")), "privateLink.tls.certificate",
                TLS_LINE, "is not PEM");
        assertRefused(text(files("brokers").replace("ca.pem", "brokers.key")), "privateLink.tls.ca", TLS_LINE,
                "holds a private key");
        Path certificateAsKey = Files.copy(dir().resolve("brokers.pem"), dir().resolve("cert-as-key.key"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(certificateAsKey, PosixFilePermissions.fromString("rw-------"));
        assertRefused(text(files("brokers").replace("brokers.key", "cert-as-key.key")), "privateLink.tls.key",
                TLS_LINE, "holds no private key");
    }

    @Test
    void pkcs1AndEncryptedKeysAreRefusedWithTheOpensslLineThatConvertsThem() throws Exception {
        TestCertificates.Issued issued = TlsInventory.ca().issue("converted", "RSA", NAMES, null, 30);
        TlsInventory.write(new TestCertificates.Issued(issued.certificate(), issued.pkcs1PrivateKey()), "pkcs1");
        TlsInventory.write(new TestCertificates.Issued(issued.certificate(), issued.encryptedPrivateKey("pass")),
                "encrypted");
        Path pkcs1 = dir().resolve("pkcs1.key");
        String refused = assertRefused(text(files("pkcs1")), "privateLink.tls.key", TLS_LINE, "RSA PRIVATE KEY");
        assertTrue(refused.contains("(umask 077; openssl pkey -in " + pkcs1 + " -out " + pkcs1 + ".pkcs8)"), refused);
        assertRefused(text(files("encrypted")), "privateLink.tls.key", TLS_LINE, "holds an encrypted key");
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefused() throws Exception {
        issued("brokers", NAMES);
        issued("other", NAMES);
        assertRefused(text(files("brokers").replace("brokers.key", "other.key")), "privateLink.tls.key", TLS_LINE,
                "is not the key of " + dir().resolve("brokers.pem"));
    }

    @Test
    void aCertificateFromAnotherCaIsRefused() throws Exception {
        Path stranger = Files.createDirectories(dir().resolve("stranger"));
        TestCertificates.authority(stranger, "stranger-ca").issue("foreign", NAMES).writeTo(dir(), "foreign");
        assertRefused(text(files("foreign")), "privateLink.tls.certificate", TLS_LINE,
                "is not issued by the CA in privateLink.tls.ca");
    }

    @Test
    void anExpiredCertificateIsRefusedWithItsDate() throws Exception {
        TlsInventory.write(TlsInventory.ca().issue("expired", "EC", NAMES, "-10d", 2), "expired");
        assertRefused(text(files("expired")), "privateLink.tls.certificate", TLS_LINE, "expired on");
    }

    @Test
    void aCertificateWithoutSomeAdvertisedNamesListsTheMissingOnes() throws Exception {
        issued("only-b1", List.of(name(1, 1), "other.example.com"));
        String refused = assertRefused(text(files("only-b1")), "privateLink.tls.certificate", TLS_LINE,
                "does not cover " + name(2, 2) + ", " + name(3, 3));
        assertFalse(refused.contains("does not cover " + name(1, 1)), refused);
        assertEquals(Main.BAD_INPUT, Main.execute("validate", RunbookInventory.write(text(files("only-b1")))
                .toString()));
    }

    @Test
    void aWildcardCoversOneWholeLabelAsTlsClientsMatchIt() throws Exception {
        issued("per-az", List.of("*.usw2-az1." + TlsInventory.UNIQUE + ".aws.plc.tidbcloud.com",
                "*.usw2-az2." + TlsInventory.UNIQUE + ".aws.plc.tidbcloud.com",
                "*.usw2-az3." + TlsInventory.UNIQUE + ".aws.plc.tidbcloud.com"));
        assertEquals("SASL_SSL", plan(text(files("per-az"))).externalSecurityProtocol());
        issued("too-wide", List.of("*." + TlsInventory.UNIQUE + ".aws.plc.tidbcloud.com"));
        assertRefused(text(files("too-wide")), "privateLink.tls.certificate", TLS_LINE,
                "does not cover " + String.join(", ", NAMES));
    }

    @Test
    void aBrokerWithItsOwnCertificateIsCheckedAtItsOwnLine() throws Exception {
        issued("b1-b3", List.of(name(1, 1), name(3, 3)));
        issued("b2", List.of(name(2, 2)));
        issued("b2-wrong", List.of(name(1, 1)));
        String b2 = "{nodeId: 2, azId: usw2-az2, host: 10.0.64.12}";
        String own = "{nodeId: 2, azId: usw2-az2, host: 10.0.64.12, tls: {certificate: " + dir().resolve("b2.pem")
                + ", key: " + dir().resolve("b2.key") + "}}";
        Plan plan = plan(text(files("b1-b3")).replace(b2, own));
        assertEquals(dir().resolve("b2.pem"), plan.tlsIdentity(plan.broker(2)).orElseThrow().certificateFile());
        assertEquals(dir().resolve("b1-b3.pem"), plan.tlsIdentity(plan.broker(3)).orElseThrow().certificateFile());
        assertRefused(text(files("b1-b3")).replace(b2, own.replace("b2.", "b2-wrong.")),
                "brokers[1].tls.certificate", 24, "does not cover " + name(2, 2));
    }

    @Test
    void withATlsServerNameTheCertificatesMustCoverItInsteadOfTheAdvertisedNames() throws Exception {
        issued("server-name", List.of("kafka.example.com"));
        String tls = files("server-name").replace("}", ", serverName: kafka.example.com}");
        Plan plan = plan(text(tls));
        assertEquals(List.of("kafka.example.com"), plan.tlsNames(plan.broker(1)));
        assertRefused(text(tls.replace("serverName: kafka.example.com", "serverName: other.example.com")),
                "privateLink.tls.certificate", TLS_LINE, "does not cover other.example.com");
    }

    @Test
    void anIntermediateAfterTheCertificateCompletesTheChain() throws Exception {
        TestCertificates intermediate = TlsInventory.ca().intermediate("test-intermediate");
        TestCertificates.Issued leaf = intermediate.issue("via-intermediate", "EC", NAMES, null, 30);
        TlsInventory.write(new TestCertificates.Issued(leaf.certificate() + intermediate.certificate(),
                leaf.privateKey()), "chained");
        Plan plan = plan(text(files("chained")));
        assertEquals(2, plan.tlsIdentity(plan.broker(1)).orElseThrow().chain().size());
        TlsInventory.write(leaf, "unchained");
        assertRefused(text(files("unchained")), "privateLink.tls.certificate", TLS_LINE, "put any intermediates after the certificate");
    }

    @Test
    void thePlaceholderUniqueNameSaysToAddTlsAfterSetUniqueName() throws Exception {
        issued("brokers", NAMES);
        assertRefused(text(files("brokers")).replace("uniqueName: " + TlsInventory.UNIQUE, "uniqueName: unique_name"),
                "privateLink.tls.certificate", TLS_LINE, "uniqueName is still the placeholder");
    }

    @Test
    void unknownKeysAndABrokerTlsWithoutTheCommonOneAreRefused() throws Exception {
        issued("brokers", NAMES);
        assertRefused(text(files("brokers").replace("}", ", password: x}")), "privateLink.tls.password", TLS_LINE,
                "unknown key");
        String b2 = "{nodeId: 2, azId: usw2-az2, host: 10.0.64.12}";
        assertRefused(RunbookInventory.TEXT.replace(b2, b2.replace("}", ", tls: {certificate: a, key: b}}")),
                "brokers[1].tls", 23, "needs privateLink.tls");
    }

    @Test
    void theKeystoreSettingsAreTheToolsNotClusterProperties() throws Exception {
        issued("brokers", NAMES);
        assertRefused(text(files("brokers")).replace("  heap: 1g", "  heap: 1g\n  properties: "
                + "{listener.name.external.ssl.keystore.location: /tmp/k.pem}"), "cluster.properties."
                + "listener.name.external.ssl.keystore.location", 8, "derived by the tool from privateLink.tls");
    }

    @Test
    void anExistingClusterGetsNoTlsYet() throws Exception {
        issued("brokers", NAMES);
        assertRefused(text(files("brokers")).replace("brokers:",
                "existing: {configFile: /opt/kafka/config/server.properties, kafkaHome: /opt/kafka, service: "
                        + "{systemd: kafka}}\nbrokers:"), "privateLink.tls", TLS_LINE, "not added to an existing");
    }

    /** Loads and plans; returns the problem's message after asserting its field and line. */
    private static String assertRefused(String yaml, String path, int line, String words) throws Exception {
        Path file = RunbookInventory.write(yaml);
        InventoryException e = assertThrows(InventoryException.class, () -> Plan.of(InventoryLoader.load(file)));
        Problem problem = e.problems().stream().filter(p -> p.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("no problem for " + path + " in:\n" + e.getMessage()));
        assertEquals(line, problem.line(), e.getMessage());
        assertTrue(problem.message().contains(words), problem.toString());
        return problem.message();
    }

    private static Plan plan(String yaml) throws Exception {
        return Plan.of(InventoryLoader.load(RunbookInventory.write(yaml)));
    }
}
