package io.plk.orchestrator.ssh;

import java.io.IOException;

/** A host could not be connected to or authenticated with; the message names the host and the phase. */
public class SshConnectException extends IOException {

    private final HostAddress host;

    public SshConnectException(HostAddress host, String message, Throwable cause) {
        super(message, cause);
        this.host = host;
    }

    public HostAddress host() {
        return host;
    }
}
