package io.plk.lab;

/** The end-to-end run with Kafka 3.7.1, the runbook's version. */
class EndToEnd37IT extends EndToEndContract {
    @Override
    String archiveProperty() {
        return "plk.kafka.archive";
    }
}
