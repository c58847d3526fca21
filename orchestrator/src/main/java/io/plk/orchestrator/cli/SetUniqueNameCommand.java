package io.plk.orchestrator.cli;

import io.plk.orchestrator.inventory.InventoryEditor;
import io.plk.orchestrator.inventory.InventoryLoader;
import io.plk.orchestrator.plan.Plan;
import io.plk.orchestrator.plays.ApplyPlay;
import io.plk.orchestrator.plays.Fleet;
import io.plk.orchestrator.plays.Report;
import io.plk.orchestrator.plays.VerifyPlay;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "set-unique-name", description = "Runbook step 4: write TiDB Cloud's unique name into the inventory, "
        + "re-render the EXTERNAL advertised listeners, restart one by one, verify the new names.")
final class SetUniqueNameCommand implements Callable<Integer> {
    @Mixin
    Target target;

    @Parameters(index = "1", description = "the unique name from TiDB Cloud's Attach Domains, e.g. dvs6nl5jgveztmla3pxkxgh76i")
    String name;

    @Option(names = "--gate-timeout", description = "seconds a restart may wait for its safety gates (default: "
            + "${DEFAULT-VALUE})", defaultValue = "600")
    int gateTimeoutSeconds;

    @Override
    public Integer call() throws Exception {
        if (!InventoryLoader.DNS_LABEL.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a DNS label: use 1-63 characters a-z, 0-9 and "
                    + "'-', not starting or ending with '-'. Copy it from the domain *.<az_id>.<unique_name>.aws...");
        }
        target.load();
        InventoryEditor.set(target.inventory, "privateLink", "uniqueName", name);
        Plan plan = Plan.of(target.load());
        Report report = new Report(System.out);
        try (Fleet fleet = target.connect(plan)) {
            // on an existing cluster only the EXTERNAL advertised entry is rewritten
            new ApplyPlay(report, Duration.ofSeconds(gateTimeoutSeconds), false, true).run(plan, fleet);
            new VerifyPlay(report).run(fleet);
        } finally {
            report.recap();
        }
        return 0;
    }
}
