package io.plk.orchestrator.inventory;

import io.plk.agent.tls.TestCertificates;
import io.plk.agent.tls.TestCertificates.Issued;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The runbook's test inventory with SCRAM and {@code privateLink.tls}, its unique name set (keytool, like
 * a public CA, takes no '_' in a DNS name), and the certificates of the TLS tests, made once per run.
 */
public final class TlsInventory {
    public static final String UNIQUE = "dvs6nl5jgveztmla3pxkxgh76i";
    /** The advertised names of brokers 1, 2 and 3. */
    public static final List<String> NAMES = List.of(name(1, 1), name(2, 2), name(3, 3));
    static final String AUTH = "auth: {mechanism: none}       # the runbook: EXTERNAL unauthenticated";
    private static Path dir;
    private static TestCertificates ca;

    private TlsInventory() {
    }

    public static String name(int nodeId, int az) {
        return "b" + nodeId + ".usw2-az" + az + "." + UNIQUE + ".aws.plc.tidbcloud.com";
    }

    /** The folder of the certificates (under target/, test keys out of /tmp), the CA's as {@code ca.pem}. */
    public static synchronized Path dir() {
        if (dir == null) {
            try {
                dir = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "tls");
                ca = TestCertificates.authority(dir, "test-ca");
                Files.writeString(dir.resolve("ca.pem"), ca.certificate());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }

    public static synchronized TestCertificates ca() {
        dir();
        return ca;
    }

    /** {@code <name>.pem} and {@code <name>.key} issued by the CA for {@code dnsNames}, made on first use. */
    public static synchronized Path issued(String name, List<String> dnsNames) throws IOException {
        Path certificate = dir().resolve(name + ".pem");
        if (!Files.exists(certificate)) {
            ca().issue(name, dnsNames).writeTo(dir, name);
        }
        return certificate;
    }

    public static Path write(Issued issued, String name) throws IOException {
        return issued.writeTo(dir(), name);
    }

    /** The runbook inventory with SCRAM, the unique name set and {@code tls} (a YAML flow mapping) on line 14. */
    public static String text(String tls) {
        return RunbookInventory.TEXT.replace("uniqueName: unique_name", "uniqueName: " + UNIQUE)
                .replace(AUTH, "auth: {users: [{name: tidb-cdc, passwordEnv: HOME, acls: changefeed}]}\n  tls: " + tls);
    }

    /** {@code {certificate: <name>.pem, key: <name>.key, ca: ca.pem}} with absolute paths. */
    public static String files(String name) {
        return "{certificate: " + dir().resolve(name + ".pem") + ", key: " + dir().resolve(name + ".key") + ", ca: "
                + dir().resolve("ca.pem") + "}";
    }
}
