package io.plk.orchestrator.ssh;

import java.net.SocketAddress;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks host keys against known_hosts, OpenSSH style. Hosts are matched and recorded under the address the
 * operator configured (for a broker: its private address, not the loopback end of the tunnel through the bastion).
 * A host with a line of any key type is known; a changed key is refused with both fingerprints and the line to remove,
 * and the reason is left in the connection context for {@link #rejection(AttributeRepository)}. known_hosts is only
 * ever appended to. {@link KnownKeyTypesFirst} makes a server that still has a recorded key present that one.
 */
final class HostKeys extends KnownHostsServerKeyVerifier {

    /** Connection-context attribute: the host a session is really talking to. */
    static final AttributeKey<HostAddress> TARGET = new AttributeKey<>();

    /** Connection-context attribute: where the reason for refusing the host key is left for the caller. */
    static final AttributeKey<AtomicReference<String>> REJECTION = new AttributeKey<>();
    private static final Logger LOG = LoggerFactory.getLogger(HostKeys.class);

    private final StrictHostKeyChecking checking;

    HostKeys(Path knownHosts, StrictHostKeyChecking checking) {
        super((session, remote, key) -> checking == StrictHostKeyChecking.ACCEPT_NEW, knownHosts);
        this.checking = checking;
    }

    /** A connection context naming the real target, with room for the reason its key may be refused. */
    static AttributeRepository context(HostAddress target) {
        return AttributeRepository.ofAttributesMap(Map.of(TARGET, target, REJECTION, new AtomicReference<String>()));
    }

    /** Why the host key was refused on a connection made with this context, or null if it was not. */
    static String rejection(AttributeRepository context) {
        return context.getAttribute(REJECTION).get();
    }

    @Override
    protected Collection<SshdSocketAddress> resolveHostNetworkIdentities(ClientSession session, SocketAddress remote) {
        HostAddress target = target(session);
        return target == null
                ? super.resolveHostNetworkIdentities(session, remote)
                : List.of(new SshdSocketAddress(target.host(), target.port()));
    }

    @Override
    protected boolean acceptUnknownHostKey(ClientSession session, SocketAddress remote, PublicKey key) {
        String name = displayName(session, remote);
        if (super.acceptUnknownHostKey(session, remote, key)) {
            LOG.info("Permanently added {} ({} {}) to {}", name, KeyUtils.getKeyType(key), fingerprint(key), getPath());
            return true;
        }
        reject(session, "Host key of " + name + " is not in " + getPath()
                + " and strictHostKeyChecking is " + checking.configValue() + ". Its key is "
                + KeyUtils.getKeyType(key) + " " + fingerprint(key)
                + "; after checking it out of band, add it (e.g. ssh-keyscan) or use accept-new.");
        return false;
    }

    /** known_hosts has lines for the host, none with the presented key: it is refused as changed, as in OpenSSH. */
    @Override
    public boolean acceptModifiedServerKey(ClientSession session, SocketAddress remote, KnownHostEntry entry,
            PublicKey expected, PublicKey actual) {
        String type = KeyUtils.getKeyType(actual);
        List<RecordedHostKey> recorded = RecordedHostKey.of(getPath(), targetOrRemote(session, remote));
        Optional<RecordedHostKey> changed = first(recorded, key -> key.keyType().equals(type))
                .or(() -> first(recorded, key -> KnownKeyTypesFirst.bothOffer(session, key.keyType())));
        if (changed.isEmpty()) {
            // OpenSSH's one fallback: the server offers none of the recorded key types (say ed25519 was recorded and
            // only ECDSA is left), so this key is new, not changed: accept-new appends it, yes refuses it as unknown
            return acceptUnknownHostKey(session, remote, actual);
        }
        RecordedHostKey known = changed.get();
        reject(session, "HOST KEY CHANGED for " + displayName(session, remote)
                + ": refusing to connect (someone may be intercepting the connection, or the host was rebuilt).\n"
                + "  known_hosts has: " + known.keyType() + " " + fingerprint(known.key()) + "\n"
                + "  host presented:  " + type + " " + fingerprint(actual) + "\n"
                + "If the change is expected, remove this line from " + getPath() + " (line " + known.lineNumber() + "):\n"
                + "  " + known.line() + "\n"
                + "or run: ssh-keygen -R '" + targetOrRemote(session, remote).knownHostsName()
                + "' -f '" + getPath() + "'");
        return false;
    }

    /** Never rewrites a line: known_hosts is only appended to (a new key of another type got its own line above). */
    @Override
    protected void updateModifiedServerKey(ClientSession session, SocketAddress remote, PublicKey serverKey,
            Collection<HostEntryPair> knownHosts, HostEntryPair match) {
        // the base class would replace the matched line's key with the new one
    }

    @Override
    protected void handleRevokedKey(ClientSession session, SocketAddress remote, PublicKey key) {
        reject(session, "Host key " + fingerprint(key) + " of " + displayName(session, remote)
                + " is marked @revoked in " + getPath());
    }

    private static void reject(ClientSession session, String reason) {
        AttributeRepository context = session.getConnectionContext();
        AtomicReference<String> holder = context == null ? null : context.getAttribute(REJECTION);
        if (holder != null) {
            holder.set(reason);
        }
        LOG.warn(reason);
    }

    static String fingerprint(PublicKey key) {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
    }

    private static HostAddress target(ClientSession session) {
        AttributeRepository context = session.getConnectionContext();
        return context == null ? null : context.getAttribute(TARGET);
    }

    static HostAddress targetOrRemote(ClientSession session, SocketAddress remote) {
        HostAddress target = target(session);
        if (target != null) {
            return target;
        }
        SshdSocketAddress address = SshdSocketAddress.toSshdSocketAddress(remote);
        return new HostAddress(address.getHostName(), address.getPort());
    }

    private static Optional<RecordedHostKey> first(List<RecordedHostKey> recorded, Predicate<RecordedHostKey> wanted) {
        return recorded.stream().filter(wanted).findFirst();
    }

    private static String displayName(ClientSession session, SocketAddress remote) {
        return targetOrRemote(session, remote).knownHostsName();
    }
}
