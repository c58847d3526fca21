package io.plk.orchestrator.inventory;

import java.util.Optional;

/**
 * The {@code privateLink:} section: how TiDB Cloud names each broker.
 *
 * @param pattern e.g. {@code <broker_id>.<az_id>.<unique_name>.aws.plc.tidbcloud.com:<port>}
 * @param auth    how EXTERNAL's clients authenticate
 * @param tls     EXTERNAL's certificates, when it speaks TLS
 */
public record PrivateLinkSpec(String pattern, String uniqueName, String brokerIdPrefix, int bootstrapPort,
        int firstBrokerPort, ExternalAuth auth, Optional<ExternalTls> tls) {

    public static final String UNIQUE_NAME_PLACEHOLDER = "unique_name";

    public PrivateLinkSpec withTls(Optional<ExternalTls> newTls) {
        return new PrivateLinkSpec(pattern, uniqueName, brokerIdPrefix, bootstrapPort, firstBrokerPort, auth, newTls);
    }

    /** Broker {@code index} (in list order) advertises firstBrokerPort + index unless it sets its own. */
    public int advertisedPort(BrokerSpec broker, int index) {
        return broker.advertisedPort() != null ? broker.advertisedPort() : firstBrokerPort + index;
    }
}
