package io.plk.orchestrator.tls;

/** A certificate or key file that cannot serve EXTERNAL's TLS: the message says why and what to do. */
public final class TlsFileException extends Exception {
    public TlsFileException(String message) {
        super(message);
    }
}
