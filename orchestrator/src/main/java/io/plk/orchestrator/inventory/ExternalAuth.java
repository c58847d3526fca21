package io.plk.orchestrator.inventory;

import java.util.List;

/**
 * {@code privateLink.auth}: how the clients of the EXTERNAL listener (TiDB Cloud's changefeed, through
 * the endpoint service) authenticate.
 *
 * @param mechanism  SCRAM-SHA-256 or SCRAM-SHA-512, or null for none (the runbook's unauthenticated PLAINTEXT)
 * @param authorizer the brokers enforce ACLs (StandardAuthorizer) and each user has its {@code acls}
 */
public record ExternalAuth(String mechanism, List<ScramUserSpec> users, boolean authorizer) {
    public static final ExternalAuth NONE = new ExternalAuth(null, List.of(), false);

    public ExternalAuth {
        users = List.copyOf(users);
    }

    public boolean enabled() {
        return mechanism != null;
    }
}
