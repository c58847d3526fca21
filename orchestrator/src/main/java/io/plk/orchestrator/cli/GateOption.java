package io.plk.orchestrator.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** How long a restart may wait for its safety gates: the commands that restart brokers share it. */
final class GateOption {
    @Option(names = "--gate-timeout", description = "seconds a restart may wait for its safety gates (default: "
            + "${DEFAULT-VALUE})", defaultValue = "600")
    int seconds;

    Duration limit() {
        return Duration.ofSeconds(seconds);
    }
}
