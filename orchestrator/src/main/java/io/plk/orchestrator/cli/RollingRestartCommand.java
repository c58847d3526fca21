package io.plk.orchestrator.cli;

import io.plk.orchestrator.plan.Plan;
import io.plk.orchestrator.plays.RollPlay;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "rolling-restart", description = "Restart brokers one at a time, the active controller last, each "
        + "only when it is safe; a re-run after a failure skips the brokers already done.")
final class RollingRestartCommand implements Callable<Integer> {
    @Mixin
    Target target;

    @Option(names = "--brokers", split = ",", description = "node ids to restart, e.g. 1,3 (default: all)")
    List<Integer> brokers;

    @Mixin
    GateOption gate;

    @Override
    public Integer call() throws Exception {
        Plan plan = Plan.of(target.load());
        if (brokers != null) {
            brokers.forEach(plan::broker);
        }
        return target.play(plan, (fleet, report) -> new RollPlay(report, gate.limit()).run(fleet, brokers));
    }
}
