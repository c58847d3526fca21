package io.plk.orchestrator.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach the hosts: every broker is reached through {@code bastion}, never directly.
 *
 * @param user                  login on the brokers
 * @param identityFile          private key (PEM RSA as AWS hands it out, or OpenSSH ed25519); used for every hop
 * @param knownHosts            known_hosts file, created if missing
 * @param strictHostKeyChecking what to do with unknown host keys; changed keys are always refused
 * @param bastion               the jump host
 * @param bastionUser           login on the bastion
 * @param connectTimeout        TCP connect plus key exchange, per host
 * @param authTimeout           public key authentication, per host
 * @param commandTimeout        default limit for one remote command
 * @param keepAliveInterval     interval of keep-alive requests; a session is dropped after 3 unanswered ones
 */
public record SshSettings(
        String user,
        Path identityFile,
        Path knownHosts,
        StrictHostKeyChecking strictHostKeyChecking,
        HostAddress bastion,
        String bastionUser,
        Duration connectTimeout,
        Duration authTimeout,
        Duration commandTimeout,
        Duration keepAliveInterval) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(15);
    public static final Duration DEFAULT_AUTH_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMinutes(10);
    public static final Duration DEFAULT_KEEP_ALIVE_INTERVAL = Duration.ofSeconds(15);

    public SshSettings {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(identityFile, "identityFile");
        Objects.requireNonNull(knownHosts, "knownHosts");
        Objects.requireNonNull(strictHostKeyChecking, "strictHostKeyChecking");
        Objects.requireNonNull(bastion, "bastion");
        Objects.requireNonNull(bastionUser, "bastionUser");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(authTimeout, "authTimeout");
        requirePositive(commandTimeout, "commandTimeout");
        requirePositive(keepAliveInterval, "keepAliveInterval");
    }

    /**
     * Settings with the defaults: the same user on bastion and brokers, {@code ~/.ssh/known_hosts},
     * {@code accept-new}, and the DEFAULT_* durations.
     */
    public static SshSettings of(String user, Path identityFile, HostAddress bastion) {
        return new SshSettings(user, identityFile, defaultKnownHosts(), StrictHostKeyChecking.ACCEPT_NEW,
                bastion, user, DEFAULT_CONNECT_TIMEOUT, DEFAULT_AUTH_TIMEOUT, DEFAULT_COMMAND_TIMEOUT,
                DEFAULT_KEEP_ALIVE_INTERVAL);
    }

    public static Path defaultKnownHosts() {
        return Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
    }

    public SshSettings withKnownHosts(Path file, StrictHostKeyChecking checking) {
        return new SshSettings(user, identityFile, file, checking, bastion, bastionUser,
                connectTimeout, authTimeout, commandTimeout, keepAliveInterval);
    }

    public SshSettings withTimeouts(Duration connect, Duration auth, Duration command) {
        return new SshSettings(user, identityFile, knownHosts, strictHostKeyChecking, bastion, bastionUser,
                connect, auth, command, keepAliveInterval);
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + duration);
        }
    }
}
