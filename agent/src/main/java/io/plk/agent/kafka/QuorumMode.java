package io.plk.agent.kafka;

import java.util.Locale;

/** How the KRaft voters are known: listed in every node's config, or kept in the metadata log (KIP-853). */
public enum QuorumMode {
    STATIC, DYNAMIC;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
