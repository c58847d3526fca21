package io.plk.orchestrator.inventory;

import java.util.List;

/**
 * One grant of a user's {@code acls} as the inventory writes it: the changefeed preset or an explicit
 * entry. The plan turns both into the ACLs the user gets (ALLOW, from any host).
 */
public sealed interface AclGrant {

    /**
     * What TiDB Cloud's changefeed needs (its Kafka sink docs): create, write, describe and describe
     * configs on its topics, describe and describe configs on the cluster.
     *
     * @param topicPrefix its topics' common prefix, or null for every topic
     */
    record Changefeed(String topicPrefix) implements AclGrant {
    }

    /**
     * @param resource   Kafka's resource type: TOPIC, GROUP, CLUSTER or TRANSACTIONAL_ID
     * @param name       the resource's name, {@code *} for every one, {@code kafka-cluster} for the cluster
     * @param pattern    LITERAL or PREFIXED
     * @param operations Kafka's operation names, e.g. WRITE, DESCRIBE_CONFIGS
     */
    record Entry(String resource, String name, String pattern, List<String> operations) implements AclGrant {
        public Entry {
            operations = List.copyOf(operations);
        }
    }
}
