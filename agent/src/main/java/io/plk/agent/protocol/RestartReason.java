package io.plk.agent.protocol;

/** Why a running node restarts: what its facts found, or the user's request. */
public enum RestartReason {
    /** It runs another Kafka than the one installed for it: an upgrade or a downgrade. */
    KAFKA_VERSION("its Kafka changed"),
    /** It runs an older server.properties than the one on disk (or, in check mode, the one apply would write). */
    CONFIG("its server.properties changed"),
    /** rolling-restart was asked for it. */
    REQUESTED("requested");

    private final String text;

    RestartReason(String text) {
        this.text = text;
    }

    @Override
    public String toString() {
        return text;
    }
}
