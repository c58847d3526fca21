package io.plk.orchestrator.cli;

import io.plk.orchestrator.inventory.Inventory;
import io.plk.orchestrator.plan.Plan;
import io.plk.orchestrator.plays.PlanPlay;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "plan", description = "What apply would do: membership changes, AWS changes, and each node's agent "
        + "answering apply's own request in check mode (server.properties diffs, which nodes would restart in the "
        + "roll's order), the SCRAM users and ACLs it would add, rotate or remove. Kafka's config, data and process "
        + "are never touched; the tool's own artifacts are delivered to the hosts, as apply's first step does.")
final class PlanCommand implements Callable<Integer> {
    @Mixin
    Target target;

    @Mixin
    SshFromAnywhereOption sshFromAnywhere;

    @Option(names = "--remove-users", description = "show the SCRAM users the cluster has but the inventory lacks as "
            + "deleted, as apply --remove-users would")
    boolean removeUsers;

    @Override
    public Integer call() throws Exception {
        return show(target, target.load(sshFromAnywhere.allowed), removeUsers);
    }

    int show(Target from, Inventory inventory, boolean removeUsers) throws Exception {
        Plan plan = Plan.of(inventory);
        PlanPlay play = new PlanPlay(System.out);
        if (!play.beforeHosts(plan)) {
            return 0;
        }
        return from.play(plan, (fleet, report) -> play.run(fleet.plan(), fleet, report, removeUsers));
    }
}
