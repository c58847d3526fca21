package io.plk.orchestrator.plan;

/** A host and a TCP port. */
public record Endpoint(String host, int port) {
    @Override
    public String toString() {
        return host + ":" + port;
    }
}
