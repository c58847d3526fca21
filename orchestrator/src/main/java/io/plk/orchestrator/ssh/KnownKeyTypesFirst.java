package io.plk.orchestrator.ssh;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.common.util.GenericUtils;

/**
 * Orders a new session's host-key algorithms as OpenSSH does: those of the key types known_hosts records for the
 * host first, so a server that still has a recorded key is always checked against it.
 */
final class KnownKeyTypesFirst implements SessionListener {

    private final Path knownHosts;

    KnownKeyTypesFirst(Path knownHosts) {
        this.knownHosts = knownHosts;
    }

    @Override
    public void sessionCreated(Session session) {
        if (!(session instanceof ClientSession client)) {
            return;
        }
        HostAddress host = HostKeys.targetOrRemote(client, client.getIoSession().getRemoteAddress());
        Set<String> recorded = RecordedHostKey.of(knownHosts, host).stream()
                .map(RecordedHostKey::keyType)
                .collect(Collectors.toSet());
        if (recorded.isEmpty()) {
            return;
        }
        List<NamedFactory<Signature>> algorithms = new ArrayList<>(session.getSignatureFactories());
        algorithms.sort(Comparator.comparing(algorithm -> !recorded.contains(keyType(algorithm.getName()))));
        session.setSignatureFactories(algorithms);
    }

    /** Whether both sides of the key exchange under way offered a host-key algorithm for keys of {@code keyType}. */
    static boolean bothOffer(SessionContext session, String keyType) {
        List<String> serverOffers = hostKeyAlgorithms(session.getServerKexProposals());
        return hostKeyAlgorithms(session.getClientKexProposals()).stream()
                .filter(serverOffers::contains)
                .anyMatch(algorithm -> keyType(algorithm).equals(keyType));
    }

    private static List<String> hostKeyAlgorithms(Map<KexProposalOption, String> proposal) {
        return Arrays.asList(GenericUtils.split(proposal.get(KexProposalOption.SERVERKEYS), ','));
    }

    /** The key type an algorithm signs with: {@code ssh-rsa} for {@code rsa-sha2-512}, else the name itself. */
    private static String keyType(String algorithm) {
        return KeyUtils.getCanonicalKeyType(algorithm);
    }
}
