package io.plk.orchestrator.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityFileTest {

    private static final PassphraseSource NONE = file -> {
        throw new IdentityFileException("not encrypted, no passphrase expected");
    };

    @TempDir
    Path dir;

    @Test
    void loadsPemRsaKeyAsAwsKeyPairsComeAs() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair key = generator.generateKeyPair();
        Path pem = dir.resolve("aws.pem");
        try (Writer out = Files.newBufferedWriter(pem); JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(key);
        }
        chmod(pem, "r--------");

        assertTrue(Files.readString(pem).startsWith("-----BEGIN RSA PRIVATE KEY-----"));
        KeyPair loaded = IdentityFile.load(pem, NONE);

        assertTrue(KeyUtils.compareKeys(key.getPublic(), loaded.getPublic()));
    }

    @Test
    void loadsEncryptedOpenSshEd25519KeyWithThePassphrase() throws Exception {
        KeyPair key = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        Path file = writeEncrypted(key, "correct horse");

        KeyPair loaded = IdentityFile.load(file, f -> "correct horse");

        assertEquals(KeyPairProvider.SSH_ED25519, KeyUtils.getKeyType(loaded));
        assertTrue(KeyUtils.compareKeys(key.getPublic(), loaded.getPublic()));
    }

    @Test
    void wrongPassphraseIsReportedWithTheFile() throws Exception {
        Path file = writeEncrypted(KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256), "correct horse");

        IdentityFileException failure = assertThrows(IdentityFileException.class,
                () -> IdentityFile.load(file, f -> "wrong"));

        assertTrue(failure.getMessage().contains(file.toString()), failure.getMessage());
        assertTrue(failure.getMessage().contains(PassphraseSource.ENV_VAR), failure.getMessage());
    }

    @Test
    void groupReadableKeyIsRefusedWithTheChmodToRun() throws Exception {
        Path file = dir.resolve("id_ed25519");
        TestHosts.writeOpenSshKey(KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256), file);
        chmod(file, "rw-r-----");

        IdentityFileException failure = assertThrows(IdentityFileException.class, () -> IdentityFile.load(file, NONE));

        assertTrue(failure.getMessage().contains("rw-r-----"), failure.getMessage());
        assertTrue(failure.getMessage().contains("chmod 600 '" + file + "'"), failure.getMessage());
    }

    @Test
    void worldReadableKeyIsRefusedBeforeAnyConnection() throws Exception {
        Path file = dir.resolve("id_ed25519");
        TestHosts.writeOpenSshKey(KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256), file);
        chmod(file, "rw-r--r--");
        SshSettings settings = SshSettings.of("ec2-user", file, new HostAddress("127.0.0.1", 1))
                .withKnownHosts(dir.resolve("known_hosts"), StrictHostKeyChecking.ACCEPT_NEW);

        assertThrows(IdentityFileException.class, () -> new SshConnections(settings, NONE).close());
    }

    @Test
    void missingKeyIsNamed() {
        Path file = dir.resolve("nope.pem");

        IdentityFileException failure = assertThrows(IdentityFileException.class, () -> IdentityFile.load(file, NONE));

        assertTrue(failure.getMessage().contains(file + " does not exist"), failure.getMessage());
    }

    private Path writeEncrypted(KeyPair key, String passphrase) throws IOException, GeneralSecurityException {
        OpenSSHKeyEncryptionContext encryption = new OpenSSHKeyEncryptionContext();
        encryption.setCipherName(OpenSSHKeyEncryptionContext.AES);
        encryption.setCipherType("256");
        encryption.setCipherMode("CTR");
        encryption.setPassword(passphrase);
        Path file = dir.resolve("id_ed25519_encrypted");
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "test", encryption, out);
        }
        chmod(file, "rw-------");
        return file;
    }

    private static void chmod(Path file, String permissions) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    }
}
