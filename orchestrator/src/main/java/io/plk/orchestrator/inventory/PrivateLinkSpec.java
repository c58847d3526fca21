package io.plk.orchestrator.inventory;

import java.util.Optional;
import java.util.regex.Pattern;

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
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    /** The unique name becomes one label of every broker's DNS name; set-unique-name checks it before writing it. */
    public static Optional<String> uniqueNameProblem(String name) {
        return DNS_LABEL.matcher(name).matches() ? Optional.empty() : Optional.of("'" + name + "' is not a DNS "
                + "label: use 1-63 characters a-z, 0-9 and '-', not starting or ending with '-'");
    }

    public PrivateLinkSpec withTls(Optional<ExternalTls> newTls) {
        return new PrivateLinkSpec(pattern, uniqueName, brokerIdPrefix, bootstrapPort, firstBrokerPort, auth, newTls);
    }

    /**
     * A broker advertises {@code firstBrokerPort + nodeId - 1} unless it sets its own: a function of its node id,
     * so that adding, removing or reordering brokers never moves another broker's port (the runbook's 1, 2, 3
     * keep 9093..9095).
     */
    public int advertisedPort(BrokerSpec broker) {
        return broker.advertisedPort() != null ? broker.advertisedPort() : firstBrokerPort + broker.nodeId() - 1;
    }
}
