package io.plk.orchestrator.cli;

import io.plk.orchestrator.inventory.Inventory;
import io.plk.orchestrator.inventory.InventoryLoader;
import io.plk.orchestrator.plan.Plan;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "validate", description = "Check an inventory; list every problem (exit 2) or say it is fine.")
final class ValidateCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "inventory YAML")
    Path inventory;

    @Mixin
    SshFromAnywhereOption sshFromAnywhere;

    @Override
    public Integer call() {
        Inventory valid = InventoryLoader.load(inventory, sshFromAnywhere.allowed);
        Plan.of(valid); // what only the plan can tell, e.g. whether the certificates cover the advertised names
        System.out.println(inventory + ": valid (" + valid.brokers().size() + " brokers"
                + (valid.aws().isPresent() ? ", AWS provisioning" : "") + ")");
        return 0;
    }
}
