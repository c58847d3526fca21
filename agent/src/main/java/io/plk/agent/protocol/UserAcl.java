package io.plk.agent.protocol;

/**
 * One ACL the {@code users} command keeps for a SCRAM user of the EXTERNAL listener: ALLOW, from any
 * host, for principal {@code User:<user>}. Names are Kafka's own enum constants, so the agent needs no
 * translation table.
 *
 * @param resource  TOPIC, GROUP, CLUSTER or TRANSACTIONAL_ID
 * @param name      the resource's name, {@code *} for every one, {@code kafka-cluster} for the cluster
 * @param pattern   LITERAL or PREFIXED
 * @param operation e.g. WRITE, DESCRIBE_CONFIGS
 */
public record UserAcl(String user, String resource, String name, String pattern, String operation) {
}
