package io.plk.orchestrator.cli;

import io.plk.orchestrator.plan.Plan;
import io.plk.orchestrator.plays.VerifyPlay;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "verify", description = "The runbook's checks: INTERNAL bootstrap and a produce/consume round trip, "
        + "and the EXTERNAL listener's advertised names and ports.")
final class VerifyCommand implements Callable<Integer> {
    @Mixin
    Target target;

    @Override
    public Integer call() throws Exception {
        Plan plan = Plan.of(target.load());
        return target.play(plan, (fleet, report) -> new VerifyPlay(report).run(fleet));
    }
}
