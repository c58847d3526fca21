package io.plk.orchestrator.kafka;

import io.plk.orchestrator.inventory.InventoryLoader;
import io.plk.orchestrator.plan.Plan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The runbook's inventory with its Kafka archive swapped for another release. */
final class VersionedTemplate {
    static final Path DIR = Path.of("src/test/resources/inventories");

    private VersionedTemplate() {
    }

    static Plan runbookWith(String kafkaRelease) throws IOException {
        return runbookWith(kafkaRelease, "auth: {mechanism: none}");
    }

    /** @param auth the {@code privateLink.auth} line, e.g. {@code auth: {users: [...]}} */
    static Plan runbookWith(String kafkaRelease, String auth) throws IOException {
        Path inventory = Files.createTempDirectory("versioned").resolve("inv.yaml");
        Files.copy(DIR.resolve("test-key.pem"), inventory.resolveSibling("test-key.pem"));
        Files.writeString(inventory, Files.readString(DIR.resolve("runbook.yaml")).replace("3.7.1", kafkaRelease)
                .replace("auth: {mechanism: none}", auth));
        return Plan.of(InventoryLoader.load(inventory));
    }
}
