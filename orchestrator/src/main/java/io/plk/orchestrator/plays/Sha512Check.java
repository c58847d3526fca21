package io.plk.orchestrator.plays;

import io.plk.orchestrator.ssh.Shell;
import java.util.Locale;

/** The remote snippet that stops with {@code message} on stderr unless {@code file} has the SHA-512 {@code hex}. */
final class Sha512Check {
    private Sha512Check() {
    }

    static String line(String file, String hex, String message) {
        return Shell.format("{ printf '%s  %s\\n' {} {} | sha512sum -c --status - || { echo {} >&2; exit 1; }; }",
                hex.toLowerCase(Locale.ROOT), file, message);
    }
}
