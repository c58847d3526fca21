package io.plk.orchestrator.ssh;

import java.io.Console;
import java.nio.file.Path;

/** Supplies the passphrase of an encrypted private key, asked only when the key turns out to be encrypted. */
@FunctionalInterface
public interface PassphraseSource {

    String ENV_VAR = "PLK_SSH_PASSPHRASE";

    String passphraseFor(Path identityFile) throws IdentityFileException;

    /** {@value #ENV_VAR} if set, else a prompt on the console; fails when there is neither. */
    static PassphraseSource environmentOrConsole() {
        return file -> {
            String fromEnv = System.getenv(ENV_VAR);
            if (fromEnv != null) {
                return fromEnv;
            }
            Console console = System.console();
            if (console == null) {
                throw new IdentityFileException(file + " is encrypted: set " + ENV_VAR
                        + " to its passphrase, or run in a terminal to be prompted");
            }
            char[] typed = console.readPassword("Enter passphrase for %s: ", file);
            if (typed == null) {
                throw new IdentityFileException("No passphrase entered for " + file);
            }
            return new String(typed);
        };
    }
}
