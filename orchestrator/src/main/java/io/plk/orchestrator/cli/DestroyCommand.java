package io.plk.orchestrator.cli;

import io.plk.orchestrator.inventory.BadInputException;
import io.plk.orchestrator.aws.AwsClients;
import io.plk.orchestrator.aws.AwsProvisioner;
import io.plk.orchestrator.aws.AwsResource;
import io.plk.orchestrator.aws.Teardown;
import io.plk.orchestrator.aws.Change;
import io.plk.orchestrator.inventory.Inventory;
import java.io.Console;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "destroy", description = "Delete every AWS resource of the cluster (tagged with its name and its "
        + "ownership id), in dependency order, instances and their disks included. Lists them first, then asks for the "
        + "cluster name unless --yes.")
final class DestroyCommand implements Callable<Integer> {
    @Mixin
    Target target;

    @Option(names = "--yes", description = "do not ask for confirmation")
    boolean yes;

    @Override
    public Integer call() throws Exception {
        Inventory inventory = target.load();
        var spec = AwsTarget.require(inventory);
        String cluster = inventory.cluster().name();
        try (AwsClients aws = AwsClients.create(spec)) {
            Teardown teardown = new AwsProvisioner(aws, System.out::println).teardown(cluster, spec);
            List<AwsResource> doomed = teardown.resources();
            if (doomed.isEmpty()) {
                System.out.println("nothing of cluster " + cluster + " (ownership id "
                        + (spec.ownerId() == null ? "none yet" : spec.ownerId()) + ") is left in " + spec.region());
                return 0;
            }
            System.out.println("destroy deletes these " + doomed.size() + " resources of cluster " + cluster
                    + " (plk:owner=" + spec.ownerId() + ") in " + spec.region() + ":");
            doomed.forEach(r -> System.out.println("  - " + r));
            if (!yes && !confirmed(cluster)) {
                System.out.println("not confirmed; nothing deleted");
                return 1;
            }
            List<Change> deleted = teardown.run();
            deleted.forEach(c -> System.out.println("  " + c));
            System.out.println("done; " + aws.calls());
        }
        return 0;
    }

    private static boolean confirmed(String cluster) {
        Console console = System.console();
        if (console == null) {
            throw new BadInputException("destroy deletes the brokers and their data: pass --yes when "
                    + "there is no terminal to confirm on");
        }
        String answer = console.readLine("Delete them, brokers and data included? Type the cluster name (%s) to "
                + "confirm: ", cluster);
        return cluster.equals(answer == null ? "" : answer.trim());
    }
}
