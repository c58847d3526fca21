package io.plk.agent.kafka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * EXTERNAL's PEM keystore (private key and certificate chain) on disk: readable by the agent's user only, the
 * user Kafka runs as, from the moment it exists; replaced atomically and only when it differs. No backup:
 * a second copy of a private key is one more to leak.
 */
public final class KeystoreFile {
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private final Path path;

    public KeystoreFile(Path path) {
        this.path = path;
    }

    /** @return whether the file is (check mode: would be) written: it was missing, differed or others could read it */
    public boolean converge(String content, boolean check) throws IOException {
        if (current(content)) {
            return false;
        }
        if (!check) {
            write(content);
        }
        return true;
    }

    private boolean current(String content) throws IOException {
        return Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)
                && Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS).equals(OWNER_ONLY)
                && Files.readString(path).equals(content);
    }

    private void write(String content) throws IOException {
        Files.createDirectories(path.getParent());
        Path temp = Files.createTempFile(path.getParent(), "." + path.getFileName(), ".tmp",
                PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try {
            Files.writeString(temp, content);
            Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
