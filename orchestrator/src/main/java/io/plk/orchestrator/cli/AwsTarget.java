package io.plk.orchestrator.cli;

import io.plk.orchestrator.inventory.BadInputException;
import io.plk.orchestrator.aws.AwsSpec;
import io.plk.orchestrator.inventory.Inventory;

/** Commands that only make sense with an aws: section. */
final class AwsTarget {
    private AwsTarget() {
    }

    static AwsSpec require(Inventory inventory) {
        return inventory.aws().orElseThrow(() -> new BadInputException(inventory.file()
                + " has no aws: section; this command manages what apply provisioned in AWS"));
    }
}
