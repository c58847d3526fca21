package io.plk.orchestrator.inventory;

import java.util.Map;
import java.util.Optional;

/**
 * server.properties keys the plan computes from the inventory: setting one in
 * {@code cluster.properties} would contradict what the tool checks (the format guard reads
 * {@code dataDir}, the roll reads the quorum), so the inventory field that sets it is named instead.
 */
final class DerivedProperties {
    private static final Map<String, String> SET_BY = Map.ofEntries(
            Map.entry("node.id", "brokers[].nodeId"),
            Map.entry("process.roles", "brokers[].roles"),
            Map.entry("controller.quorum.voters", "brokers[].nodeId, brokers[].host and cluster.ports.controller"),
            Map.entry("controller.quorum.bootstrap.servers", "brokers[].host and cluster.ports.controller"),
            Map.entry("listeners", "cluster.ports"),
            Map.entry("advertised.listeners", "brokers[].host, cluster.ports.internal and "
                    + "privateLink.advertisedListenerPattern"),
            Map.entry("inter.broker.listener.name", "the plan (INTERNAL, on cluster.ports.internal)"),
            Map.entry("controller.listener.names", "the plan (CONTROLLER, on cluster.ports.controller)"),
            Map.entry("listener.security.protocol.map", "privateLink.auth and privateLink.tls (PLAINTEXT inside the"
                    + " VPC; EXTERNAL SASL_PLAINTEXT, SASL_SSL with tls, PLAINTEXT with auth none)"),
            Map.entry("log.dirs", "cluster.dataDir"),
            Map.entry("listener.name.external.sasl.enabled.mechanisms", "privateLink.auth.mechanism"),
            Map.entry("listener.name.external.scram-sha-256.sasl.jaas.config", "privateLink.auth"),
            Map.entry("listener.name.external.scram-sha-512.sasl.jaas.config", "privateLink.auth"),
            Map.entry("listener.name.external.ssl.keystore.type", "privateLink.tls"),
            Map.entry("listener.name.external.ssl.keystore.location", "privateLink.tls"));

    /** Set by the template when the tool manages the authorizer; one changed by hand would undo the ACLs. */
    private static final Map<String, String> WITH_AUTHORIZER = Map.of(
            "authorizer.class.name", "the tool sets StandardAuthorizer",
            "super.users", "the tool makes User:ANONYMOUS, the internal listeners' principal, the only super user",
            "allow.everyone.if.no.acl.found", "true would let every user reach what no ACL names");

    private DerivedProperties() {
    }

    /** A key {@code cluster.properties} may not set while privateLink.auth.authorizer is on. */
    static Optional<String> authorizerRefusal(String key) {
        return Optional.ofNullable(WITH_AUTHORIZER.get(key)).map(why -> "'" + key + "' is managed with "
                + "privateLink.auth.authorizer on (" + why + "): remove it from cluster.properties, or set "
                + "authorizer: false and run your own");
    }

    static Optional<String> refusal(String key) {
        return Optional.ofNullable(SET_BY.get(key)).map(field -> "'" + key + "' is derived by the tool from "
                + field + "; set that instead and remove " + key + " from cluster.properties");
    }
}
