package io.plk.orchestrator.tls;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Whether a broker's key, certificate chain and CA belong together and are valid now (JDK only). */
public final class CertificateChecks {

    private CertificateChecks() {
    }

    /** The key signs what the certificate's public key verifies: the one test that fits RSA and EC alike. */
    public static boolean keyMatches(PrivateKey key, X509Certificate certificate) {
        String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        byte[] challenge = new byte[32];
        new SecureRandom().nextBytes(challenge);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            PublicKey publicKey = certificate.getPublicKey();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false; // e.g. an RSA key beside an EC certificate
        }
    }

    /** The first certificate of {@code chain} that is expired or not valid yet, said with its date. */
    public static Optional<String> invalidNow(List<X509Certificate> chain, Date now) {
        for (X509Certificate certificate : chain) {
            try {
                certificate.checkValidity(now);
            } catch (CertificateExpiredException e) {
                return Optional.of(describe(certificate) + " expired on " + certificate.getNotAfter().toInstant());
            } catch (CertificateNotYetValidException e) {
                return Optional.of(describe(certificate) + " is not valid before "
                        + certificate.getNotBefore().toInstant());
            }
        }
        return Optional.empty();
    }

    /**
     * Why the chain does not lead to one of {@code ca} (PKIX, no revocation check: brokers have no internet),
     * or empty when it does. A copy of the CA at the chain's end is allowed.
     */
    public static Optional<String> notIssuedBy(List<X509Certificate> chain, List<X509Certificate> ca) {
        Set<TrustAnchor> anchors = ca.stream().map(c -> new TrustAnchor(c, null)).collect(Collectors.toSet());
        List<X509Certificate> path = chain.stream().filter(c -> !ca.contains(c)).toList();
        try {
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false);
            CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509")
                    .generateCertPath(path), parameters);
            return Optional.empty();
        } catch (CertPathValidatorException e) {
            return Optional.of(e.getMessage());
        } catch (GeneralSecurityException e) {
            return Optional.of("cannot check the chain: " + e.getMessage());
        }
    }

    /** SHA-256 of the DER certificate as {@code openssl x509 -fingerprint -sha256} prints it (AB:CD:...). */
    public static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (CertificateEncodingException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String describe(X509Certificate certificate) {
        return "the certificate " + certificate.getSubjectX500Principal().getName();
    }
}
