package io.plk.orchestrator.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.ClientSession.ClientSessionEvent;
import org.apache.sshd.client.session.forward.ExplicitPortForwardingTracker;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.core.CoreModuleProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SSH connections of one run: one session to the bastion and, through it, one session per broker.
 * <p>
 * Brokers are reached only through the bastion: each gets a local port forward over the single bastion session
 * (a {@code direct-tcpip} channel on the bastion, like OpenSSH's ProxyJump), and its own SSH session runs end to end
 * through that tunnel, so the bastion never sees the broker session's keys or content and the private key never
 * leaves this machine. Sessions are opened on first use, reused for every step, kept alive, and reopened if one
 * died. Thread-safe: connect to many brokers in parallel.
 */
public final class SshConnections implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SshConnections.class);
    private static final int KEEP_ALIVES_WITHOUT_REPLY = 3;

    private final SshSettings settings;
    private final SshClient client;
    private final AtomicLong uploadedBytes = new AtomicLong();
    private final Map<HostAddress, CompletableFuture<RemoteHost>> brokers = new ConcurrentHashMap<>();
    private RemoteHost bastion;
    private boolean closed;

    /** Loads the identity file, asking for its passphrase via {@link PassphraseSource#environmentOrConsole()}. */
    public SshConnections(SshSettings settings) throws IOException {
        this(settings, PassphraseSource.environmentOrConsole());
    }

    public SshConnections(SshSettings settings, PassphraseSource passphrase) throws IOException {
        this.settings = settings;
        KeyPair identity = IdentityFile.load(settings.identityFile(), passphrase);
        Path knownHostsDir = settings.knownHosts().toAbsolutePath().getParent();
        if (knownHostsDir != null) {
            Files.createDirectories(knownHostsDir);
        }
        client = SshClient.setUpDefaultClient();
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setServerKeyVerifier(new HostKeys(settings.knownHosts(), settings.strictHostKeyChecking()));
        client.addSessionListener(new KnownKeyTypesFirst(settings.knownHosts()));
        client.setKeyIdentityProvider(KeyIdentityProvider.wrapKeyPairs(identity));
        client.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
        CoreModuleProperties.IO_CONNECT_TIMEOUT.set(client, settings.connectTimeout());
        CoreModuleProperties.AUTH_TIMEOUT.set(client, settings.authTimeout());
        CoreModuleProperties.TCP_NODELAY.set(client, true);
        CoreModuleProperties.HEARTBEAT_INTERVAL.set(client, settings.keepAliveInterval());
        CoreModuleProperties.HEARTBEAT_REQUEST.set(client, "keepalive@openssh.com");
        CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(client, KEEP_ALIVES_WITHOUT_REPLY);
        client.start();
    }

    /** The bastion's session, connected on first use. */
    public synchronized RemoteHost bastion() throws SshConnectException {
        if (closed) {
            throw new IllegalStateException("SSH connections are closed");
        }
        if (bastion == null || !bastion.isOpen()) {
            HostAddress address = settings.bastion();
            ClientSession session = connect(address, settings.bastionUser(), address, "bastion " + address);
            bastion = new RemoteHost(address, session, null, settings.commandTimeout(), uploadedBytes);
        }
        return bastion;
    }

    /** The session to a host behind the bastion, connected through it on first use and then reused. */
    public RemoteHost host(HostAddress address) throws SshConnectException {
        while (true) {
            CompletableFuture<RemoteHost> mine = new CompletableFuture<>();
            CompletableFuture<RemoteHost> existing = brokers.putIfAbsent(address, mine);
            if (existing == null) {
                try {
                    RemoteHost host = connectThroughBastion(address);
                    mine.complete(host);
                    return host;
                } catch (SshConnectException | RuntimeException e) {
                    brokers.remove(address, mine);
                    mine.completeExceptionally(e);
                    throw e;
                }
            }
            RemoteHost host = await(existing);
            if (host.isOpen()) {
                return host;
            }
            LOG.info("Session to {} was closed; reconnecting", address);
            brokers.remove(address, existing);
            host.close();
        }
    }

    /** Bytes of file content uploaded by every host of this connection set so far. */
    public long bytesUploaded() {
        return uploadedBytes.get();
    }

    @Override
    public void close() {
        List<RemoteHost> open = new ArrayList<>();
        synchronized (this) {
            closed = true;
            if (bastion != null) {
                open.add(bastion);
            }
        }
        for (CompletableFuture<RemoteHost> future : brokers.values()) {
            RemoteHost host = future.getNow(null);
            if (host != null) {
                open.add(0, host);
            }
        }
        brokers.clear();
        open.forEach(RemoteHost::close);
        client.stop();
    }

    private RemoteHost connectThroughBastion(HostAddress address) throws SshConnectException {
        RemoteHost jump = bastion();
        String description = address + " through bastion " + jump.address();
        ExplicitPortForwardingTracker tunnel;
        try {
            tunnel = jump.session().createLocalPortForwardingTracker(
                    SshdSocketAddress.LOCALHOST_ADDRESS, new SshdSocketAddress(address.host(), address.port()));
        } catch (IOException e) {
            throw new SshConnectException(address, "Cannot open a tunnel to " + description + ": " + e.getMessage(), e);
        }
        SshdSocketAddress local = tunnel.getBoundAddress();
        try {
            ClientSession session = connect(address, settings.user(),
                    new HostAddress(local.getHostName(), local.getPort()), description);
            return new RemoteHost(address, session, tunnel, settings.commandTimeout(), uploadedBytes);
        } catch (SshConnectException | RuntimeException e) {
            closeQuietly(tunnel);
            throw e;
        }
    }

    /**
     * Opens and authenticates a session to {@code via}; host keys are checked against {@code target}. The TCP
     * connect plus key exchange must finish within the connect timeout, authentication within the auth timeout.
     */
    private ClientSession connect(HostAddress target, String user, HostAddress via, String description)
            throws SshConnectException {
        Duration connectTimeout = settings.connectTimeout();
        long deadline = System.nanoTime() + connectTimeout.toNanos();
        AttributeRepository context = HostKeys.context(target);
        ClientSession session = null;
        boolean authenticating = false;
        try {
            ConnectFuture future = client.connect(user, via.host(), via.port(), context, null);
            if (!future.await(connectTimeout)) {
                future.cancel();
                throw new SshConnectException(target, "Cannot connect to " + description + ": no answer within "
                        + seconds(connectTimeout) + " (connect timeout)", null);
            }
            if (future.getException() != null) {
                throw new SshConnectException(target, "Cannot connect to " + description + ": "
                        + reason(future.getException()), future.getException());
            }
            session = future.getSession();
            Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
            Set<ClientSessionEvent> events = session.waitFor(
                    EnumSet.of(ClientSessionEvent.WAIT_AUTH, ClientSessionEvent.CLOSED), left);
            requireKeyExchanged(context, events, target, description);
            authenticating = true;
            session.auth().verify(settings.authTimeout());
            LOG.info("Connected to {} as {}", description, user);
            return session;
        } catch (SshConnectException e) {
            closeQuietly(session);
            throw e;
        } catch (IOException e) {
            closeQuietly(session);
            String rejection = HostKeys.rejection(context);
            if (rejection != null) {
                throw new HostKeyRejectedException(target, rejection);
            }
            String what = authenticating ? "Authentication as " + user + " on " + description + " failed: "
                    : "Cannot connect to " + description + ": ";
            throw new SshConnectException(target, what + reason(e), e);
        }
    }

    private void requireKeyExchanged(AttributeRepository context, Set<ClientSessionEvent> events,
            HostAddress target, String description) throws SshConnectException {
        String rejection = HostKeys.rejection(context);
        if (rejection != null) {
            throw new HostKeyRejectedException(target, rejection);
        }
        if (events.contains(ClientSessionEvent.WAIT_AUTH)) {
            return;
        }
        if (events.contains(ClientSessionEvent.CLOSED)) {
            throw new SshConnectException(target, "Cannot connect to " + description
                    + ": the connection was closed before the SSH handshake finished", null);
        }
        throw new SshConnectException(target, "Cannot connect to " + description + ": no SSH handshake within "
                + seconds(settings.connectTimeout()) + " (connect timeout)", null);
    }

    private static RemoteHost await(CompletableFuture<RemoteHost> future) throws SshConnectException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while connecting", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SshConnectException cause) {
                throw cause;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return root == e || message.equals(e.getMessage()) ? message : e.getMessage() + " (" + message + ")";
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.debug("Closing {}", closeable, e);
        }
    }
}
