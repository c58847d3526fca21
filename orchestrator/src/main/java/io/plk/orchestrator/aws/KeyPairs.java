package io.plk.orchestrator.aws;

import static io.plk.orchestrator.aws.Change.Action.CREATE;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Iterator;
import java.util.Optional;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.util.security.SecurityUtils;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.KeyPairInfo;
import software.amazon.awssdk.services.ec2.model.KeyType;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * The EC2 key pair: the existing one is used; else the identity file's public key is imported when
 * the file exists (your own key, or the one kept after a destroy); else a new key pair is created
 * and its private key saved to the identity file (mode 0400).
 */
final class KeyPairs {
    static final String ROLE = "key-pair";

    private KeyPairs() {
    }

    static Optional<KeyPairInfo> find(AwsClients aws, String name) {
        try {
            return aws.ec2().describeKeyPairs(r -> r.keyNames(name)).keyPairs().stream().findFirst();
        } catch (Ec2Exception e) {
            if ("InvalidKeyPair.NotFound".equals(e.awsErrorDetails().errorCode())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** A key pair that exists without its private key here, or a private key here that cannot be imported. */
    static Optional<AwsProblem> problem(AwsClients aws, AwsTopology topology) {
        String name = topology.spec().keyPair();
        boolean exists = find(aws, name).isPresent();
        Path file = topology.identityFile();
        if (exists && !Files.exists(file)) {
            return Optional.of(new AwsProblem("ssh.identityFile", "key pair " + name + " already exists in "
                    + topology.spec().region() + " but its private key " + file + " is missing; AWS cannot give it"
                    + " again: point ssh.identityFile at it, or delete the key pair (or choose another aws.keyPair)"
                    + " to have a new one created"));
        }
        if (!exists && Files.exists(file)) {
            try {
                publicKey(file);
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                return Optional.of(new AwsProblem("aws.keyPair", "key pair " + name + " does not exist in "
                        + topology.spec().region() + " and the public key of " + file + " cannot be read to import"
                        + " it (" + e.getMessage() + "): put it in " + file + ".pub, or move " + file
                        + " away to have a new key pair created"));
            }
        }
        return Optional.empty();
    }

    /** The OpenSSH public key line of a private key: from {@code <file>.pub}, else derived from the file. */
    static String publicKey(Path identityFile) throws IOException, GeneralSecurityException {
        Path pub = identityFile.resolveSibling(identityFile.getFileName() + ".pub");
        if (Files.exists(pub)) {
            return Files.readString(pub, StandardCharsets.US_ASCII).trim();
        }
        try (InputStream in = Files.newInputStream(identityFile)) {
            Iterator<KeyPair> keys = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(identityFile.toString()),
                    in, FilePasswordProvider.EMPTY).iterator();
            if (!keys.hasNext()) {
                throw new GeneralSecurityException("no private key in it");
            }
            return PublicKeyEntry.toString(keys.next().getPublic());
        }
    }

    /** Uses the key pair if it exists; imports the identity file's public key if that exists; else creates one. */
    static void ensure(Session s) {
        String name = s.spec().keyPair();
        if (s.call("key pair " + name, () -> find(s.aws, name)).isPresent()) {
            return;
        }
        Path file = s.topology.identityFile();
        if (Files.exists(file)) {
            s.change(new Change(CREATE, "key-pair", name, "imported from " + file), () -> {
                String publicKey;
                try {
                    publicKey = publicKey(file);
                } catch (IOException | GeneralSecurityException e) {
                    throw new IllegalStateException("cannot read the public key of " + file + ": " + e.getMessage(), e);
                }
                s.aws.ec2().importKeyPair(r -> r.keyName(name)
                        .publicKeyMaterial(SdkBytes.fromString(publicKey, StandardCharsets.US_ASCII))
                        .tagSpecifications(s.tags().spec(ResourceType.KEY_PAIR, ROLE, name)));
            });
            return;
        }
        s.change(new Change(CREATE, "key-pair", name, "private key saved to " + file + " (mode 0400)"), () -> {
            String pem = s.aws.ec2().createKeyPair(r -> r.keyName(name).keyType(KeyType.RSA)
                    .tagSpecifications(s.tags().spec(ResourceType.KEY_PAIR, ROLE, name))).keyMaterial();
            save(file, pem);
        });
    }

    private static void save(Path file, String pem) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".key", ".tmp");
            try {
                Files.writeString(tmp, pem.endsWith("\n") ? pem : pem + "\n", StandardCharsets.US_ASCII);
                if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("r--------"));
                }
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the new key pair's private key to " + file
                    + "; delete the key pair in AWS and run again", e);
        }
    }
}
