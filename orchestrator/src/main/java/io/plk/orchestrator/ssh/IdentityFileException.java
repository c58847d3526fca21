package io.plk.orchestrator.ssh;

import java.io.IOException;

/** The private key file cannot be used: too open, unreadable, wrong passphrase, or not a key. */
public class IdentityFileException extends IOException {

    public IdentityFileException(String message) {
        super(message);
    }

    public IdentityFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
