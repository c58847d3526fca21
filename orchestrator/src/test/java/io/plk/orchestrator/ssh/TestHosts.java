package io.plk.orchestrator.ssh;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.scp.server.ScpCommandFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.forward.StaticDecisionForwardingFilter;
import org.apache.sshd.server.shell.ProcessShellCommandFactory;

/**
 * Two in-process SSH servers shaped like the runbook: a bastion that allows TCP forwarding and a broker on another
 * loopback address. Commands run as real processes on this machine through {@code sh -c}; SCP is served in-process.
 */
final class TestHosts implements AutoCloseable {

    static final String USER = "ec2-user";
    static final String BROKER_IP = "127.0.0.2";

    final Path dir;
    final KeyPair clientKey;
    final Path identityFile;
    final SshServer bastion;
    final SshServer broker;
    /** Every direct-tcpip target the bastion was asked to connect to. */
    final List<SshdSocketAddress> forwarded = new CopyOnWriteArrayList<>();
    final AtomicInteger brokerSessions = new AtomicInteger();
    private final AtomicReference<List<KeyPair>> brokerHostKeys = new AtomicReference<>();

    TestHosts(Path dir) throws IOException, GeneralSecurityException {
        this.dir = dir;
        clientKey = ed25519Key();
        identityFile = dir.resolve("id_ed25519");
        writeOpenSshKey(clientKey, identityFile);
        bastion = server("127.0.0.1", ed25519Key());
        bastion.setForwardingFilter(new StaticDecisionForwardingFilter(true) {
            @Override
            public boolean canConnect(Type type, SshdSocketAddress address, Session session) {
                forwarded.add(address);
                return true;
            }
        });
        setBrokerHostKeys(ed25519Key());
        broker = server(BROKER_IP, null);
        broker.setKeyPairProvider(session -> brokerHostKeys.get());
        broker.addSessionListener(new SessionListener() {
            @Override
            public void sessionCreated(Session session) {
                brokerSessions.incrementAndGet();
            }
        });
        bastion.start();
        broker.start();
    }

    HostAddress bastionAddress() {
        return new HostAddress("127.0.0.1", bastion.getPort());
    }

    HostAddress brokerAddress() {
        return new HostAddress(BROKER_IP, broker.getPort());
    }

    Path knownHosts() {
        return dir.resolve("ssh").resolve("known_hosts");
    }

    SshSettings settings() {
        return SshSettings.of(USER, identityFile, bastionAddress())
                .withKnownHosts(knownHosts(), StrictHostKeyChecking.ACCEPT_NEW)
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    /** The broker is "rebuilt": new sessions see a new host key. */
    void replaceBrokerHostKey() throws GeneralSecurityException {
        setBrokerHostKeys(ed25519Key());
    }

    /** The host keys the broker offers to new sessions. */
    void setBrokerHostKeys(KeyPair... keys) {
        brokerHostKeys.set(List.of(keys));
    }

    PublicKey bastionHostKey() throws IOException, GeneralSecurityException {
        return bastion.getKeyPairProvider().loadKeys(null).iterator().next().getPublic();
    }

    /** A known_hosts line as OpenSSH writes it. */
    static String knownHostsLine(HostAddress host, PublicKey key) {
        return host.knownHostsName() + " " + PublicKeyEntry.toString(key);
    }

    static KeyPair ed25519Key() throws GeneralSecurityException {
        return KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
    }

    static KeyPair rsaKey() throws GeneralSecurityException {
        return KeyUtils.generateKeyPair(KeyPairProvider.SSH_RSA, 2048);
    }

    static void writeOpenSshKey(KeyPair key, Path file) throws IOException, GeneralSecurityException {
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "test", null, out);
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    private SshServer server(String host, KeyPair hostKey) {
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost(host);
        server.setPort(0);
        if (hostKey != null) {
            server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        }
        server.setPublickeyAuthenticator(
                (user, key, session) -> USER.equals(user) && KeyUtils.compareKeys(key, clientKey.getPublic()));
        server.setCommandFactory(new ScpCommandFactory.Builder()
                .withDelegate(ProcessShellCommandFactory.INSTANCE)
                .build());
        return server;
    }

    @Override
    public void close() throws IOException {
        broker.stop(true);
        bastion.stop(true);
    }
}
