package io.plk.agent;

/** The runbook's Kafka 3.7.1, which knows static voters only. */
class DedicatedTopology37IT extends DedicatedTopologyContract {
    DedicatedTopology37IT() {
        super("plk.kafka.archive", false);
    }
}
