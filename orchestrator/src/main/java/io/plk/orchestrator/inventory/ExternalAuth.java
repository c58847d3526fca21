package io.plk.orchestrator.inventory;

import java.util.List;

/**
 * {@code privateLink.auth}: how the clients of the EXTERNAL listener (TiDB Cloud's changefeed, through
 * the endpoint service) authenticate.
 *
 * @param mechanism SCRAM-SHA-256 or SCRAM-SHA-512, or null for none (the runbook's unauthenticated PLAINTEXT)
 */
public record ExternalAuth(String mechanism, List<ScramUserSpec> users) {
    public static final ExternalAuth NONE = new ExternalAuth(null, List.of());

    public ExternalAuth {
        users = List.copyOf(users);
    }

    public boolean enabled() {
        return mechanism != null;
    }
}
