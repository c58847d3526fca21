package io.plk.lab;

/** The end-to-end run with the current Kafka 4 release. */
class EndToEnd41IT extends EndToEndContract {
    @Override
    String archiveProperty() {
        return "plk.kafka.current.archive";
    }
}
