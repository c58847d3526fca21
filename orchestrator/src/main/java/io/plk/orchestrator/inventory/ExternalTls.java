package io.plk.orchestrator.inventory;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code privateLink.tls}: EXTERNAL speaks TLS (SASL_SSL). Each broker presents its own identity
 * ({@code brokers[i].tls}) or the common one.
 *
 * @param ca         the CA that issued the brokers' certificates: what a client must trust
 * @param serverName the name TiDB Cloud checks the certificates against (its TLS Server Name field), when not
 *                   the advertised names
 * @param common     the identity of brokers without their own, or null when each has one
 * @param brokers    node.id -> a broker's own identity
 */
public record ExternalTls(Path caFile, List<X509Certificate> ca, Optional<String> serverName, TlsIdentity common,
        Map<Integer, TlsIdentity> brokers) {

    public ExternalTls {
        ca = List.copyOf(ca);
        brokers = Map.copyOf(brokers);
    }

    public TlsIdentity identity(int nodeId) {
        return brokers.getOrDefault(nodeId, common);
    }

    /** The CA certificates as PEM: not secret, what the agent's clients trust. */
    public String caPem() {
        return TlsIdentity.pem(ca);
    }
}
