package io.plk.agent;

/** A current Kafka 4.x, whose brokers the same agent drives. */
class Kafka4ClusterIT extends KafkaClusterContract {
    Kafka4ClusterIT() {
        super("plk.kafka.current.archive");
    }
}
