package io.plk.orchestrator.inventory;

import java.util.List;

/**
 * The optional {@code existing:} section: a running cluster this tool did not install, exposed in
 * place (runbook "Reconfigure a running Kafka cluster"): its config file is patched, not rendered.
 *
 * @param configFile   the live server.properties on each broker (a broker may set its own)
 * @param kafkaHome    where its Kafka is installed (the agent uses its libs/); null: found from the running broker
 * @param serviceStart how it is started today: a program and its arguments (run without a shell),
 *                     e.g. {@code [sudo, systemctl, start, kafka]}
 * @param serviceStop  how it is stopped today, likewise
 */
public record ExistingSpec(String configFile, String kafkaHome, List<String> serviceStart, List<String> serviceStop) {
    public ExistingSpec {
        serviceStart = List.copyOf(serviceStart);
        serviceStop = List.copyOf(serviceStop);
    }
}
