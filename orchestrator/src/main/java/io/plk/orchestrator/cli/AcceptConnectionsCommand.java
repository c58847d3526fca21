package io.plk.orchestrator.cli;

import io.plk.orchestrator.aws.AwsClients;
import io.plk.orchestrator.aws.AwsProvisioner;
import io.plk.orchestrator.inventory.Inventory;
import io.plk.orchestrator.plan.Plan;
import io.plk.orchestrator.plays.AwsPlay;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "accept-connections", description = "Runbook step 3: accept the pending endpoint connection "
        + "requests of the allowed principals (TiDB Cloud), and only theirs.")
final class AcceptConnectionsCommand implements Callable<Integer> {
    @Mixin
    Target target;

    @Override
    public Integer call() throws Exception {
        Inventory inventory = target.load();
        var spec = AwsTarget.require(inventory);
        try (AwsClients aws = AwsClients.create(spec)) {
            var result = new AwsProvisioner(aws, System.out::println)
                    .acceptConnections(AwsPlay.topology(Plan.of(inventory), spec));
            System.out.println("accepted: " + result.accepted() + "; ignored: " + result.ignored() + "; failed: "
                    + result.failed());
            return result.failed().isEmpty() ? 0 : 1;
        }
    }
}
