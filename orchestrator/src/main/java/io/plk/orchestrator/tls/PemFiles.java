package io.plk.orchestrator.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Certificates and private keys read from the operator's PEM files with the JDK only, each refusal saying
 * what is in the file instead and how to make what Kafka's PEM keystore reads: X.509 certificates and one
 * unencrypted PKCS#8 RSA or EC key.
 */
public final class PemFiles {
    private static final String CERTIFICATE = "CERTIFICATE";
    private static final String PRIVATE_KEY = "PRIVATE KEY";
    private static final Set<String> TRADITIONAL_KEYS = Set.of("RSA PRIVATE KEY", "EC PRIVATE KEY", "DSA PRIVATE KEY");

    private PemFiles() {
    }

    /** A private key: the key and its PEM as Kafka reads it. */
    public record KeyFile(PrivateKey key, String pem) {
        @Override
        public String toString() {
            return key.getAlgorithm() + " private key (not shown)";
        }
    }

    /** Every certificate of the file in its order: a broker's own first, then any intermediates. */
    public static List<X509Certificate> certificates(Path file) throws TlsFileException {
        List<Pem.Block> blocks = Pem.blocks(read(file));
        if (blocks.stream().anyMatch(b -> b.label().endsWith(PRIVATE_KEY))) {
            throw new TlsFileException(file + " holds a private key: keep the key in its own file (key), only "
                    + "certificates here");
        }
        List<X509Certificate> certificates = new ArrayList<>();
        for (Pem.Block block : blocks) {
            if (block.label().equals(CERTIFICATE)) {
                certificates.add(certificate(file, block));
            }
        }
        if (certificates.isEmpty()) {
            throw new TlsFileException(file + (blocks.isEmpty() ? " is not PEM" : " holds no certificate (only "
                    + blocks.stream().map(Pem.Block::label).distinct().toList() + ")")
                    + ": expected -----BEGIN CERTIFICATE----- blocks");
        }
        return certificates;
    }

    public static KeyFile privateKey(Path file) throws TlsFileException {
        List<Pem.Block> blocks = Pem.blocks(read(file)).stream().filter(b -> !b.label().equals(CERTIFICATE)).toList();
        String convert = ": Kafka reads an unencrypted PKCS#8 key (-----BEGIN PRIVATE KEY-----); convert it with"
                + " (umask 077; openssl pkey -in " + file + " -out " + file + ".pkcs8) and point key at the new file";
        if (blocks.size() == 1 && blocks.get(0).label().equals("ENCRYPTED " + PRIVATE_KEY)) {
            throw new TlsFileException(file + " holds an encrypted key" + convert + " (it asks for the passphrase)");
        }
        if (blocks.size() == 1 && TRADITIONAL_KEYS.contains(blocks.get(0).label())) {
            throw new TlsFileException(file + " holds a " + blocks.get(0).label() + " (PKCS#1/SEC1, "
                    + (blocks.get(0).body().contains("ENCRYPTED") ? "encrypted, " : "") + "OpenSSL's traditional"
                    + " format)" + convert);
        }
        if (blocks.size() != 1 || !blocks.get(0).label().equals(PRIVATE_KEY)) {
            throw new TlsFileException(file + (blocks.isEmpty() ? " holds no private key" : " holds "
                    + blocks.stream().map(Pem.Block::label).toList()) + ": expected exactly one -----BEGIN PRIVATE "
                    + "KEY----- block, the broker's key");
        }
        byte[] der = der(file, blocks.get(0));
        for (String algorithm : List.of("RSA", "EC")) {
            try {
                return new KeyFile(KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der)),
                        Pem.encode(PRIVATE_KEY, der));
            } catch (GeneralSecurityException e) {
                // the next algorithm
            }
        }
        throw new TlsFileException(file + " is not an RSA or EC private key, the kinds Kafka's PEM keystore reads");
    }

    private static X509Certificate certificate(Path file, Pem.Block block) throws TlsFileException {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der(file, block)));
        } catch (CertificateException e) {
            throw new TlsFileException(file + " has a CERTIFICATE block that is not an X.509 certificate: "
                    + e.getMessage());
        }
    }

    private static byte[] der(Path file, Pem.Block block) throws TlsFileException {
        try {
            return block.der();
        } catch (TlsFileException e) {
            throw new TlsFileException(file + ": " + e.getMessage());
        }
    }

    private static String read(Path file) throws TlsFileException {
        if (!Files.isRegularFile(file)) {
            throw new TlsFileException(file + " does not exist or is not a file");
        }
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new TlsFileException("cannot read " + file + ": " + e.getMessage());
        }
    }
}
