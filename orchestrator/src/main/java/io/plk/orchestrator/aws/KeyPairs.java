package io.plk.orchestrator.aws;

import static io.plk.orchestrator.aws.Change.Action.CREATE;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.KeyPairInfo;
import software.amazon.awssdk.services.ec2.model.KeyType;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/** The EC2 key pair: the existing one is used, or a new one is created and its private key saved (mode 0400). */
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

    /** A key pair that exists without its private key here, or a private key here without its key pair. */
    static Optional<AwsProblem> problem(AwsClients aws, AwsTopology topology) {
        String name = topology.spec().keyPair();
        boolean exists = find(aws, name).isPresent();
        boolean saved = Files.exists(topology.identityFile());
        if (exists && !saved) {
            return Optional.of(new AwsProblem("ssh.identityFile", "key pair " + name + " already exists in "
                    + topology.spec().region() + " but its private key " + topology.identityFile()
                    + " is missing; AWS cannot give it again: point ssh.identityFile at it, or delete the key pair"
                    + " (or choose another aws.keyPair) to have a new one created"));
        }
        if (!exists && saved) {
            return Optional.of(new AwsProblem("aws.keyPair", "key pair " + name + " does not exist in "
                    + topology.spec().region() + " but " + topology.identityFile() + " exists and would be"
                    + " overwritten: import its public key as " + name + ", or move the file away"));
        }
        return Optional.empty();
    }

    static void ensure(Session s) {
        String name = s.spec().keyPair();
        if (s.call("key pair " + name, () -> find(s.aws, name)).isPresent()) {
            return;
        }
        Path file = s.topology.identityFile();
        s.change(new Change(CREATE, "key-pair", name, "private key saved to " + file + " (mode 0400)"), () -> {
            String pem = s.aws.ec2().createKeyPair(r -> r.keyName(name).keyType(KeyType.RSA)
                    .tagSpecifications(Tags.spec(ResourceType.KEY_PAIR, s.cluster(), ROLE, name))).keyMaterial();
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
