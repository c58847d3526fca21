package io.plk.orchestrator.cli;

import io.plk.orchestrator.plan.Plan;
import io.plk.orchestrator.plays.ApplyPlay;
import io.plk.orchestrator.plays.Fleet;
import io.plk.orchestrator.plays.Report;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "apply", description = "Provision (when aws: is set), install, configure, format and start the "
        + "cluster; running brokers whose config changed are restarted one by one. A second apply changes nothing.")
final class ApplyCommand implements Callable<Integer> {
    @Mixin
    Target target;

    @Option(names = "--dry-run", description = "show per-broker config diffs and the restart order; change nothing")
    boolean dryRun;

    @Option(names = "--format-new-brokers", description = "allow formatting a broker that joins a formatted cluster")
    boolean formatNewBrokers;

    @Option(names = "--gate-timeout", description = "seconds a restart may wait for its safety gates (default: "
            + "${DEFAULT-VALUE})", defaultValue = "600")
    int gateTimeoutSeconds;

    @Override
    public Integer call() throws Exception {
        Plan plan = Plan.of(target.load());
        if (dryRun) {
            return new PlanCommand().show(target, plan);
        }
        Report report = new Report(System.out);
        try (Fleet fleet = target.connect(plan)) {
            new ApplyPlay(report, Duration.ofSeconds(gateTimeoutSeconds), formatNewBrokers).run(plan, fleet);
            report.info("bytes sent over the operator's link: " + fleet.ssh().bytesUploaded());
        } finally {
            report.recap();
        }
        return 0;
    }
}
