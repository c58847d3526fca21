package io.plk.orchestrator.cli;

import io.plk.orchestrator.inventory.BadInputException;
import io.plk.orchestrator.aws.AwsClients;
import io.plk.orchestrator.aws.AwsProvisioner;
import io.plk.orchestrator.aws.Change;
import io.plk.orchestrator.inventory.Inventory;
import java.io.Console;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "destroy", description = "Delete every AWS resource tagged with the cluster, in dependency order "
        + "(instances and their disks included). Asks first unless --yes.")
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
        if (!yes) {
            Console console = System.console();
            if (console == null) {
                throw new BadInputException("destroy deletes the brokers and their data: pass --yes when "
                        + "there is no terminal to confirm on");
            }
            String answer = console.readLine("Delete every AWS resource of cluster %s in %s, brokers and data "
                    + "included? Type the cluster name to confirm: ", cluster, spec.region());
            if (!cluster.equals(answer == null ? "" : answer.trim())) {
                System.out.println("not confirmed; nothing deleted");
                return 1;
            }
        }
        try (AwsClients aws = AwsClients.create(spec)) {
            List<Change> deleted = new AwsProvisioner(aws, System.out::println)
                    .destroy(cluster);
            deleted.forEach(c -> System.out.println("  " + c));
            System.out.println(deleted.isEmpty() ? "nothing tagged with " + cluster + " was left" : "done; "
                    + aws.calls());
        }
        return 0;
    }
}
