package io.plk.orchestrator.inventory;

import io.plk.orchestrator.tls.CertificateChecks;
import io.plk.orchestrator.tls.PemFiles;
import io.plk.orchestrator.tls.TlsFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads {@code privateLink.tls} and each {@code brokers[i].tls}: local PEM files, checked here so that a
 * broker never gets a certificate it cannot serve (key and certificate apart, a chain that does not lead to
 * the CA, expired). Whether the names fit is the plan's question: it computes the advertised names.
 */
final class TlsSection {
    private static final Pattern DNS_NAME = Pattern.compile(
            "(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");
    private static final Set<PosixFilePermission> OWNER = Set.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
    private final YamlSection privateLink;
    private final List<YamlSection> brokerSections;
    private final List<BrokerSpec> brokers;
    private final Function<String, Path> resolve;
    private final Date now = new Date();

    TlsSection(YamlSection privateLink, List<YamlSection> brokerSections, List<BrokerSpec> brokers,
            Function<String, Path> resolve) {
        this.privateLink = privateLink;
        this.brokerSections = brokerSections;
        this.brokers = brokers;
        this.resolve = resolve;
    }

    Optional<ExternalTls> read(ExternalAuth auth) {
        List<Integer> own = new ArrayList<>();
        for (int i = 0; i < brokerSections.size(); i++) {
            if (brokerSections.get(i).has("tls")) {
                own.add(i);
            }
        }
        if (!privateLink.has("tls")) {
            own.forEach(i -> brokerSections.get(i).problem("tls", "needs privateLink.tls, at least its ca: the CA"
                    + " that issued the brokers' certificates"));
            return Optional.empty();
        }
        YamlSection tls = privateLink.section("tls");
        tls.rejectUnknownKeys(Set.of("certificate", "key", "ca", "serverName"));
        if (!auth.enabled()) {
            privateLink.problem("tls", "needs a SCRAM mechanism in privateLink.auth (EXTERNAL becomes SASL_SSL): TLS"
                    + " alone would encrypt the link but still let whatever reaches the endpoint service read and"
                    + " write every topic. Write auth: {mechanism: SCRAM-SHA-512, users: [...]}, or remove tls");
            return Optional.empty();
        }
        Optional<String> serverName = tls.string("serverName", n -> DNS_NAME.matcher(n).matches() ? Optional.empty()
                : Optional.of("'" + n + "' is not a DNS name; write the name TiDB Cloud's TLS Server Name field"
                + " carries, e.g. kafka.example.com"));
        List<X509Certificate> ca = ca(tls);
        boolean commonNeeded = own.size() < brokerSections.size();
        TlsIdentity common = commonNeeded || tls.has("certificate") || tls.has("key") ? identity(tls, ca) : null;
        Map<Integer, TlsIdentity> perBroker = new HashMap<>();
        for (int i : own) {
            YamlSection brokerTls = brokerSections.get(i).section("tls");
            brokerTls.rejectUnknownKeys(Set.of("certificate", "key"));
            TlsIdentity identity = identity(brokerTls, ca);
            if (identity != null) {
                perBroker.put(brokers.get(i).nodeId(), identity);
            }
        }
        return Optional.of(new ExternalTls(tls.string("ca").map(resolve).orElse(null), ca, serverName, common,
                perBroker));
    }

    private List<X509Certificate> ca(YamlSection tls) {
        String value = tls.requiredString("ca", "write the PEM file of the CA that issued the brokers' certificates,"
                + " e.g. ca.pem: what a client of EXTERNAL trusts");
        if (value == null) {
            return List.of();
        }
        try {
            List<X509Certificate> ca = PemFiles.certificates(resolve.apply(value));
            CertificateChecks.invalidNow(ca, now).ifPresent(p -> tls.problem("ca", "the CA: " + p));
            return ca;
        } catch (TlsFileException e) {
            tls.problem("ca", e.getMessage());
            return List.of();
        }
    }

    /** A certificate and its key, each checked; null (with the problems recorded) when unusable. */
    private TlsIdentity identity(YamlSection s, List<X509Certificate> ca) {
        String certificate = s.requiredString("certificate", "write the PEM file of the broker's certificate (then "
                + "any intermediates), e.g. broker.pem");
        String key = s.requiredString("key", "write the PEM file of its private key (unencrypted PKCS#8, chmod 600),"
                + " e.g. broker.key");
        if (certificate == null || key == null) {
            return null;
        }
        Path certificateFile = resolve.apply(certificate);
        Path keyFile = resolve.apply(key);
        Optional<List<X509Certificate>> chain = checked(s, "certificate", () -> PemFiles.certificates(certificateFile));
        Optional<PemFiles.KeyFile> privateKey = checked(s, "key", () -> privateKey(keyFile));
        if (chain.isEmpty() || privateKey.isEmpty()) {
            return null;
        }
        Optional<String> wrong = CertificateChecks.invalidNow(chain.get(), now)
                .map(p -> certificateFile + ": " + p + "; renew it")
                .or(() -> ca.isEmpty() ? Optional.empty() : CertificateChecks.notIssuedBy(chain.get(), ca)
                        .map(p -> certificateFile + " is not issued by the CA in privateLink.tls.ca (" + p
                                + "): a client that trusts that CA refuses it; put any intermediates after the"
                                + " certificate"));
        wrong.ifPresent(p -> s.problem("certificate", p));
        if (!CertificateChecks.keyMatches(privateKey.get().key(), chain.get().get(0))) {
            s.problem("key", keyFile + " is not the key of " + certificateFile + " (its public key does not match):"
                    + " point key at the key the certificate was requested with");
            return null;
        }
        return wrong.isPresent() ? null
                : new TlsIdentity(certificateFile, keyFile, chain.get(), s.child("certificate"),
                        s.lineOf("certificate"));
    }

    private interface TlsRead<T> {
        T read() throws TlsFileException;
    }

    private static <T> Optional<T> checked(YamlSection s, String key, TlsRead<T> read) {
        try {
            return Optional.of(read.read());
        } catch (TlsFileException e) {
            s.problem(key, e.getMessage());
            return Optional.empty();
        }
    }

    /** Only once it is known that no one else can read it: a key others can read is no longer private. */
    private static PemFiles.KeyFile privateKey(Path file) throws TlsFileException {
        try {
            if (Files.isRegularFile(file) && Files.getFileStore(file).supportsFileAttributeView("posix")) {
                Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
                if (!OWNER.containsAll(mode)) {
                    throw new TlsFileException(file + " can be read by others (" + PosixFilePermissions.toString(mode)
                            + "): chmod 600 " + file + " (and get a new key and certificate if others did)");
                }
            }
        } catch (IOException e) {
            throw new TlsFileException("cannot read " + file + ": " + e.getMessage());
        }
        return PemFiles.privateKey(file);
    }
}
