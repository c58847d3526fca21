package io.plk.agent;

/** Kafka 4.x keeping static voters, as a cluster upgraded from 3.x does. */
class DedicatedTopology4StaticIT extends DedicatedTopologyContract {
    DedicatedTopology4StaticIT() {
        super("plk.kafka.current.archive", false);
    }
}
