package io.plk.orchestrator.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Collection;
import java.util.Set;

import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * Loads the operator's private key: PEM (the RSA keys AWS key pairs come as, PKCS#1 or PKCS#8) or OpenSSH format
 * (ed25519, via Bouncy Castle). Like OpenSSH, refuses a file that group or others may read or write.
 */
public final class IdentityFile {

    private static final Set<PosixFilePermission> TOO_OPEN = Set.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private IdentityFile() {
    }

    public static KeyPair load(Path file, PassphraseSource passphrase) throws IdentityFileException {
        requireNotTooOpen(file);
        FilePasswordProvider passwords = (session, resource, retryIndex) -> passphrase.passphraseFor(file);
        Collection<KeyPair> keys;
        try {
            keys = SecurityUtils.getKeyPairResourceParser().loadKeyPairs(null, file, passwords);
        } catch (IdentityFileException e) {
            throw e;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new IdentityFileException("Cannot load private key " + file + ": " + describe(e)
                    + " (wrong passphrase in " + PassphraseSource.ENV_VAR + "?)", e);
        }
        if (keys == null || keys.isEmpty()) {
            throw new IdentityFileException(file + " holds no private key (expected PEM or OpenSSH format)");
        }
        return keys.iterator().next();
    }

    private static void requireNotTooOpen(Path file) throws IdentityFileException {
        if (!Files.isReadable(file)) {
            throw new IdentityFileException("Private key " + file + " does not exist or is not readable");
        }
        if (Files.getFileAttributeView(file, PosixFileAttributeView.class) == null) {
            return;
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (IOException e) {
            throw new IdentityFileException("Cannot read the permissions of " + file + ": " + e.getMessage(), e);
        }
        if (permissions.stream().anyMatch(TOO_OPEN::contains)) {
            throw new IdentityFileException("Permissions " + PosixFilePermissions.toString(permissions)
                    + " for private key " + file + " are too open: it must not be accessible by group or others."
                    + " Run: chmod 600 '" + file + "'");
        }
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
