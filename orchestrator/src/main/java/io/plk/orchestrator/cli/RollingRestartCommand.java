package io.plk.orchestrator.cli;

import io.plk.orchestrator.plan.Plan;
import io.plk.orchestrator.plays.Fleet;
import io.plk.orchestrator.plays.Report;
import io.plk.orchestrator.plays.RollPlay;
import java.time.Duration;
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

    @Option(names = "--gate-timeout", description = "seconds a restart may wait for its safety gates (default: "
            + "${DEFAULT-VALUE})", defaultValue = "600")
    int gateTimeoutSeconds;

    @Override
    public Integer call() throws Exception {
        Plan plan = Plan.of(target.load());
        if (brokers != null) {
            brokers.forEach(plan::broker);
        }
        Report report = new Report(System.out);
        try (Fleet fleet = target.connect(plan)) {
            new RollPlay(report, Duration.ofSeconds(gateTimeoutSeconds)).run(fleet, brokers);
        } finally {
            report.recap();
        }
        return 0;
    }
}
