package io.plk.agent.protocol;

/**
 * What the EXTERNAL listener presents over TLS: its private key and certificate chain, both PEM, which the
 * agent writes into one file only its user can read and Kafka reads at start. The key reaches the agent on
 * stdin only and is never printed: not by {@link #toString()}, not in a result.
 *
 * @param location         the file, e.g. {@code ~/config/external-tls.pem}
 * @param certificateChain the broker's certificate first, then any intermediates (PEM)
 * @param privateKey       its key, unencrypted PKCS#8 (PEM {@code PRIVATE KEY}), as Kafka's PEM keystore reads it
 */
public record TlsKeystore(String location, String certificateChain, String privateKey) {

    /** The file's content: the key, then the chain, as Kafka's {@code ssl.keystore.type=PEM} reads one file. */
    public String pem() {
        return privateKey + certificateChain;
    }

    @Override
    public String toString() {
        return "TLS keystore " + location + " (private key not shown)";
    }
}
