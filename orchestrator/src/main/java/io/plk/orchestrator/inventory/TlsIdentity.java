package io.plk.orchestrator.inventory;

import io.plk.orchestrator.tls.CertificateChecks;
import io.plk.orchestrator.tls.Pem;
import io.plk.orchestrator.tls.PemFiles;
import io.plk.orchestrator.tls.TlsFileException;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What one or more brokers present on EXTERNAL: a certificate chain and the key file beside it. The key is
 * checked when the inventory is read but not kept; {@link #privateKeyPem()} reads it again for the agent's
 * stdin.
 *
 * @param chain the broker's certificate first, then any intermediates, as in the certificate file
 * @param field where the inventory names the certificate (e.g. {@code privateLink.tls.certificate}), for messages
 * @param line  its line
 */
public record TlsIdentity(Path certificateFile, Path keyFile, List<X509Certificate> chain, String field, int line) {

    public TlsIdentity {
        chain = List.copyOf(chain);
    }

    public X509Certificate certificate() {
        return chain.get(0);
    }

    public String chainPem() {
        return pem(chain);
    }

    /** One fingerprint per certificate of the chain, the broker's own first. */
    public List<String> fingerprints() {
        return chain.stream().map(CertificateChecks::fingerprint).toList();
    }

    /** The key as Kafka reads it, refused if the file no longer holds the certificate's key. */
    public String privateKeyPem() {
        try {
            PemFiles.KeyFile key = PemFiles.privateKey(keyFile);
            if (!CertificateChecks.keyMatches(key.key(), certificate())) {
                throw new BadInputException(keyFile + " no longer holds the key of " + certificateFile);
            }
            return key.pem();
        } catch (TlsFileException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    static String pem(List<X509Certificate> certificates) {
        StringBuilder pem = new StringBuilder();
        for (X509Certificate certificate : certificates) {
            try {
                pem.append(Pem.encode("CERTIFICATE", certificate.getEncoded()));
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
        }
        return pem.toString();
    }
}
