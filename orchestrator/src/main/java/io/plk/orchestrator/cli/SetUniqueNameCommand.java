package io.plk.orchestrator.cli;

import io.plk.orchestrator.inventory.BadInputException;
import io.plk.orchestrator.inventory.InventoryEditor;
import io.plk.orchestrator.inventory.PrivateLinkSpec;
import io.plk.orchestrator.plan.Plan;
import io.plk.orchestrator.plays.ApplyOptions;
import io.plk.orchestrator.plays.ApplyPlay;
import io.plk.orchestrator.plays.VerifyPlay;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "set-unique-name", description = "Runbook step 4: write TiDB Cloud's unique name into the inventory, "
        + "re-render the EXTERNAL advertised listeners, restart one by one, verify the new names.")
final class SetUniqueNameCommand implements Callable<Integer> {
    @Mixin
    Target target;

    @Parameters(index = "1", description = "the unique name from TiDB Cloud's Attach Domains, e.g. dvs6nl5jgveztmla3pxkxgh76i")
    String name;

    @Mixin
    GateOption gate;

    @Override
    public Integer call() throws Exception {
        var problem = PrivateLinkSpec.uniqueNameProblem(name);
        if (problem.isPresent()) {
            throw new BadInputException(problem.get() + ". Copy it from the domain *.<az_id>.<unique_name>.aws...");
        }
        target.load();
        InventoryEditor.set(target.inventory, "privateLink", "uniqueName", name);
        Plan plan = Plan.of(target.load());
        return target.play(plan, (fleet, report) -> {
            // on an existing cluster only the EXTERNAL advertised entry is rewritten
            new ApplyPlay(report, gate.limit(), new ApplyOptions(OptionalInt.empty(), true, false, false, false)).run(fleet.plan(), fleet);
            new VerifyPlay(report).run(fleet);
        });
    }
}
