package io.plk.orchestrator.cli;

import io.plk.orchestrator.plan.Plan;
import io.plk.orchestrator.plays.Fleet;
import io.plk.orchestrator.plays.StatusPlay;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "status", description = "Per broker: running, config in sync or drifted, cluster id, "
        + "under-replicated partitions, quorum role and lag. Read-only.")
final class StatusCommand implements Callable<Integer> {
    @Mixin
    Target target;

    @Override
    public Integer call() throws Exception {
        Plan plan = Plan.of(target.load());
        try (Fleet fleet = target.connect(plan)) {
            new StatusPlay(System.out).run(fleet);
        }
        return 0;
    }
}
