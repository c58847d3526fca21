package io.plk.agent;

/** The runbook's Kafka 3.7.1. */
class Kafka37ClusterIT extends KafkaClusterContract {
    Kafka37ClusterIT() {
        super("plk.kafka.archive");
    }
}
