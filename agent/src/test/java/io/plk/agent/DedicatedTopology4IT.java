package io.plk.agent;

/** Kafka 4.x with a dynamic quorum (KIP-853): the production topology's default. */
class DedicatedTopology4IT extends DedicatedTopologyContract {
    DedicatedTopology4IT() {
        super("plk.kafka.current.archive", true);
    }
}
