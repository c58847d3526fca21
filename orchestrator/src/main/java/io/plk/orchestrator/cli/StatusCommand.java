package io.plk.orchestrator.cli;

import io.plk.orchestrator.aws.Change;
import io.plk.orchestrator.plan.Plan;
import io.plk.orchestrator.plays.AwsPlay;
import io.plk.orchestrator.plays.Fleet;
import io.plk.orchestrator.plays.Report;
import io.plk.orchestrator.plays.StatusPlay;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "status", description = "AWS drift of the load balancer (with aws:), then per broker: running, config in sync or drifted, cluster id, "
        + "under-replicated partitions, quorum role and lag. Read-only.")
final class StatusCommand implements Callable<Integer> {
    @Mixin
    Target target;

    @Override
    public Integer call() throws Exception {
        Plan plan = Plan.of(target.load());
        plan.inventory().aws().ifPresent(spec -> {
            List<Change> drift = new AwsPlay(new Report(System.out)).drift(plan, spec);
            System.out.println(drift.isEmpty() ? "AWS load balancer: matches the plan"
                    : "AWS load balancer drifted from the plan (apply repairs it):");
            drift.forEach(c -> System.out.println("  " + c));
        });
        try (Fleet fleet = target.connect(plan)) {
            new StatusPlay(System.out).run(fleet);
        }
        return 0;
    }
}
