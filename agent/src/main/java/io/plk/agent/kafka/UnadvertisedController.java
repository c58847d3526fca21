package io.plk.agent.kafka;

import java.io.IOException;
import java.io.StringReader;
import java.util.Arrays;
import java.util.Optional;
import java.util.Properties;

/**
 * A warning for a cluster this tool did not install: a controller on Kafka 3.9 or later whose CONTROLLER
 * listener is not in {@code advertised.listeners} announces its wildcard listener as its host name, and a
 * follower that takes the leader's endpoint from that announcement may never fetch again. The patch does
 * not change it (it adds EXTERNAL only); the operator is told what to add.
 */
final class UnadvertisedController {
    private UnadvertisedController() {
    }

    static Optional<String> warning(String serverProperties, Optional<KafkaVersion> version) throws IOException {
        if (version.isEmpty() || !version.get().advertisesController()) {
            return Optional.empty();
        }
        Properties config = new Properties();
        config.load(new StringReader(serverProperties));
        String roles = config.getProperty("process.roles", "");
        String controllers = config.getProperty("controller.listener.names", "");
        if (!roles.contains("controller") || controllers.isBlank()) {
            return Optional.empty();
        }
        String advertised = config.getProperty("advertised.listeners", "");
        boolean announced = Arrays.stream(controllers.split(",")).map(String::trim)
                .anyMatch(name -> advertised.contains(name + "://"));
        return announced ? Optional.empty() : Optional.of("Kafka " + version.get() + " controller without "
                + controllers.split(",")[0].trim() + " in advertised.listeners: after a leader change a follower "
                + "may fetch from the leader's host name instead of its address and never catch up; add "
                + controllers.split(",")[0].trim() + "://<this node's private address>:<its port> to "
                + "advertised.listeners and roll the cluster");
    }
}
