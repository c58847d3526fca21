package io.plk.agent.tls;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;

/**
 * Certificates for tests, made with the JDK's own keytool (no other library): a CA, CAs under it, and the
 * certificates they issue with the DNS names asked for, as PEM. Each key pair lives in a PKCS12 file of
 * {@code dir}; keys come out as unencrypted PKCS#8, the form Kafka's PEM keystore reads.
 */
public final class TestCertificates {
    private static final String STORE_PASSWORD = "changeit";
    private final Path dir;
    private final String alias;
    private final String certificate;

    private TestCertificates(Path dir, String alias, String certificate) {
        this.dir = dir;
        this.alias = alias;
        this.certificate = certificate;
    }

    /** A self-signed CA named {@code CN=<name>}, valid ten years. */
    public static TestCertificates authority(Path dir, String name) throws IOException {
        keytool(dir, "-genkeypair", "-alias", name, "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=" + name,
                "-ext", "bc:c", "-validity", "3650", "-keystore", store(dir, name));
        return new TestCertificates(dir, name, keytool(dir, "-exportcert", "-rfc", "-alias", name,
                "-keystore", store(dir, name)));
    }

    /** This CA's certificate (PEM). */
    public String certificate() {
        return certificate;
    }

    /** A CA whose certificate this one signs: what a public CA's intermediate is to its root. */
    public TestCertificates intermediate(String name) throws IOException {
        keytool(dir, "-genkeypair", "-alias", name, "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=" + name,
                "-validity", "3650", "-keystore", store(dir, name));
        String request = keytool(dir, "-certreq", "-alias", name, "-keystore", store(dir, name));
        return new TestCertificates(dir, name, sign(request, List.of("-ext", "bc:c", "-validity", "3650")));
    }

    /** An EC certificate (quicker to make than RSA) for {@code dnsNames}, valid from now for 30 days. */
    public Issued issue(String name, List<String> dnsNames) throws IOException {
        return issue(name, "EC", dnsNames, null, 30);
    }

    /**
     * @param keyAlgorithm RSA or EC
     * @param startDate    keytool's {@code -startdate}, e.g. {@code -10d}; null for now
     */
    public Issued issue(String name, String keyAlgorithm, List<String> dnsNames, String startDate, int days)
            throws IOException {
        keytool(dir, "-genkeypair", "-alias", name, "-keyalg", keyAlgorithm, "-dname", "CN=" + name,
                "-keystore", store(dir, name));
        String request = keytool(dir, "-certreq", "-alias", name, "-keystore", store(dir, name));
        List<String> options = new ArrayList<>(List.of("-validity", Integer.toString(days)));
        if (!dnsNames.isEmpty()) {
            options.addAll(List.of("-ext", "SAN=" + dnsNames.stream().map(n -> "dns:" + n)
                    .collect(Collectors.joining(","))));
        }
        if (startDate != null) {
            options.addAll(List.of("-startdate", startDate));
        }
        return new Issued(sign(request, options), privateKey(name));
    }

    private String sign(String request, List<String> options) throws IOException {
        Path csr = Files.writeString(Files.createTempFile(dir, "csr", ".pem"), request);
        List<String> args = new ArrayList<>(List.of("-gencert", "-rfc", "-alias", alias, "-keystore", store(dir, alias),
                "-infile", csr.toString()));
        args.addAll(options);
        return keytool(dir, args.toArray(String[]::new));
    }

    private String privateKey(String name) throws IOException {
        try (var in = Files.newInputStream(Path.of(store(dir, name)))) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, STORE_PASSWORD.toCharArray());
            return pem("PRIVATE KEY", store.getKey(name, STORE_PASSWORD.toCharArray()).getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    /** A certificate and its key, both PEM; the key also in the forms Kafka cannot read. */
    public record Issued(String certificate, String privateKey) {

        /** The RSA key as PKCS#1 ({@code RSA PRIVATE KEY}), what {@code openssl genrsa} 1.x writes. */
        public String pkcs1PrivateKey() {
            ByteBuffer der = ByteBuffer.wrap(der(privateKey));
            enter(der, 0x30);
            skip(der, 0x02);
            skip(der, 0x30);
            byte[] pkcs1 = new byte[enter(der, 0x04)];
            der.get(pkcs1);
            return pem("RSA PRIVATE KEY", pkcs1);
        }

        /** The key encrypted with a password ({@code ENCRYPTED PRIVATE KEY}, PKCS#12 PBE). */
        public String encryptedPrivateKey(String password) throws GeneralSecurityException {
            String algorithm = "PBEWithSHA1AndDESede";
            byte[] salt = new byte[16];
            new SecureRandom().nextBytes(salt);
            Cipher cipher = Cipher.getInstance(algorithm);
            cipher.init(Cipher.ENCRYPT_MODE, SecretKeyFactory.getInstance(algorithm)
                    .generateSecret(new PBEKeySpec(password.toCharArray())), new PBEParameterSpec(salt, 10_000));
            byte[] encrypted = cipher.doFinal(der(privateKey));
            try {
                return pem("ENCRYPTED PRIVATE KEY", new EncryptedPrivateKeyInfo(cipher.getParameters(), encrypted)
                        .getEncoded());
            } catch (IOException e) {
                throw new GeneralSecurityException(e);
            }
        }

        /** Writes {@code <name>.pem} and {@code <name>.key} (0600) into {@code dir}; returns the certificate's path. */
        public Path writeTo(Path dir, String name) throws IOException {
            Path key = dir.resolve(name + ".key");
            Files.writeString(key, privateKey);
            Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            return Files.writeString(dir.resolve(name + ".pem"), certificate);
        }

        private static void skip(ByteBuffer der, int tag) {
            int length = enter(der, tag);
            der.position(der.position() + length);
        }

        /** The length of the DER element of {@code tag} at the buffer's position, which moves to its content. */
        private static int enter(ByteBuffer der, int tag) {
            if ((der.get() & 0xff) != tag) {
                throw new IllegalStateException("not the PKCS#8 structure expected");
            }
            int first = der.get() & 0xff;
            if (first < 0x80) {
                return first;
            }
            int length = 0;
            for (int i = 0; i < (first & 0x7f); i++) {
                length = length << 8 | der.get() & 0xff;
            }
            return length;
        }

        private static byte[] der(String pem) {
            return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        }
    }

    static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + label + "-----\n";
    }

    private static String store(Path dir, String name) {
        return dir.toAbsolutePath().resolve(name + ".p12").toString();
    }

    private static String keytool(Path dir, String... args) throws IOException {
        // a quick start: dozens of these run in a test class
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString(), "-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC"));
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD,
                "-noprompt"));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(false).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new IOException("keytool " + String.join(" ", args) + " failed: " + out + err);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return out;
    }
}
