package io.plk.orchestrator.ssh;

/** The host presented a key that known_hosts does not allow: unknown under {@code yes}, changed, or revoked. */
public class HostKeyRejectedException extends SshConnectException {

    public HostKeyRejectedException(HostAddress host, String message) {
        super(host, message, null);
    }
}
