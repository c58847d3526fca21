package io.plk.lab;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * The lab's key pair, in the format AWS hands out for EC2 key pairs: a PEM RSA private key
 * ({@code -----BEGIN RSA PRIVATE KEY-----}, mode 0600) and its {@code ssh-rsa} public line.
 */
public record LabKeys(Path identityFile, Path knownHosts, String publicKey) {

    /** Writes a fresh key pair and an empty known_hosts into {@code dir}, replacing earlier ones. */
    public static LabKeys create(Path dir, String comment) {
        try {
            Files.createDirectories(dir);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(3072);
            KeyPair pair = generator.generateKeyPair();

            Path identity = dir.resolve("id_rsa.pem");
            Files.deleteIfExists(identity);
            Files.createFile(identity, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(identity, pem(pair));

            Path knownHosts = dir.resolve("known_hosts");
            Files.writeString(knownHosts, "");
            String publicKey = publicLine((RSAPublicKey) pair.getPublic(), comment);
            Files.writeString(dir.resolve("id_rsa.pub"), publicKey + "\n");
            return new LabKeys(identity.toAbsolutePath(), knownHosts.toAbsolutePath(), publicKey);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the lab's SSH key into " + dir, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM cannot generate RSA keys", e);
        }
    }

    private static String pem(KeyPair pair) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(pair.getPrivate()); // an RSA key is written as PKCS#1, like AWS's .pem files
        }
        return out.toString();
    }

    /** RFC 4253 public key blob: string "ssh-rsa", mpint e, mpint n. */
    private static String publicLine(RSAPublicKey key, String comment) throws IOException {
        ByteArrayOutputStream blob = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(blob)) {
            writeBytes(out, "ssh-rsa".getBytes(StandardCharsets.US_ASCII));
            writeBytes(out, key.getPublicExponent().toByteArray());
            writeBytes(out, key.getModulus().toByteArray());
        }
        return "ssh-rsa " + Base64.getEncoder().encodeToString(blob.toByteArray()) + " " + comment;
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }
}
