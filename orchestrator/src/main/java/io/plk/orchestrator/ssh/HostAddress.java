package io.plk.orchestrator.ssh;

import java.util.Objects;

/** Where an SSH server listens: a host name or address as the operator wrote it, and a port. */
public record HostAddress(String host, int port) {

    public static final int SSH_PORT = 22;

    public HostAddress {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, got " + port);
        }
    }

    public static HostAddress of(String host) {
        return new HostAddress(host, SSH_PORT);
    }

    /** The host pattern OpenSSH writes into known_hosts: {@code host} on port 22, {@code [host]:port} otherwise. */
    public String knownHostsName() {
        return port == SSH_PORT ? host : "[" + host + "]:" + port;
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
