package io.plk.orchestrator.cli;

import io.plk.agent.kafka.ConfigFile;
import io.plk.agent.kafka.ExternalListenerPatch;
import io.plk.agent.kafka.ExternalSecurity;
import io.plk.orchestrator.aws.Change;
import io.plk.orchestrator.inventory.Inventory;
import io.plk.orchestrator.kafka.BrokerConfig;
import io.plk.orchestrator.kafka.ExternalProtocolSwitch;
import io.plk.orchestrator.plan.BrokerPlan;
import io.plk.orchestrator.plan.Plan;
import io.plk.orchestrator.plays.AwsPlay;
import io.plk.orchestrator.plays.Fleet;
import io.plk.orchestrator.plays.PlayFailedException;
import io.plk.orchestrator.plays.Report;
import io.plk.orchestrator.ssh.RemoteHost;
import io.plk.orchestrator.ssh.Shell;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "plan", description = "What apply would do: per-broker server.properties diffs and which brokers "
        + "would restart in which order. Reads, never writes.")
final class PlanCommand implements Callable<Integer> {
    @Mixin
    Target target;

    @Mixin
    SshFromAnywhereOption sshFromAnywhere;

    @Override
    public Integer call() throws Exception {
        return show(target, target.load(sshFromAnywhere.allowed));
    }

    int show(Target from, Inventory inventory) throws Exception {
        Plan plan = Plan.of(inventory);
        if (inventory.aws().isPresent()) {
            List<Change> changes = new AwsPlay(new Report(System.out))
                    .plan(plan, inventory.aws().get());
            System.out.println(changes.isEmpty() ? "AWS: no change" : "AWS:");
            changes.forEach(c -> System.out.println("  " + c));
            if (inventory.brokers().stream().anyMatch(b -> b.host() == null)
                    || inventory.ssh().bastion().host() == null) {
                System.out.println("hosts: not provisioned yet; every broker would be installed, formatted and started");
                return 0;
            }
        }
        BrokerConfig config = new BrokerConfig(plan);
        try (Fleet fleet = from.connect(plan)) {
            Map<BrokerPlan, String> lines = fleet.each(plan.brokers(), broker -> describe(fleet, config, broker));
            List<String> restarts = new ArrayList<>();
            lines.forEach((broker, line) -> {
                System.out.println(line);
                if (line.contains("(running: would restart)")) {
                    restarts.add(Integer.toString(broker.nodeId()));
                }
            });
            lines.values().stream().map(ExternalProtocolSwitch::in).flatMap(java.util.Optional::stream).distinct()
                    .forEach(w -> System.out.println("warning: " + w));
            System.out.println(restarts.isEmpty() ? "no broker would restart"
                    : "would restart one at a time, the active controller last: node.id " + String.join(", ", restarts));
        }
        return 0;
    }

    /** What {@code patch} would make of a running cluster's file (a refusal is shown, not thrown). */
    private static String patched(Plan plan, BrokerPlan broker, String current) {
        var outcome = new ExternalListenerPatch(broker.nodeId(), plan.ports().external(), broker.externalHost(),
                broker.advertisedPort(), false).withSecurity(new ExternalSecurity(plan.externalSecurityProtocol(),
                plan.externalAuth().mechanism())).apply(current);
        if (outcome instanceof ExternalListenerPatch.Refused refused) {
            throw new PlayFailedException(broker.label(), "plan", "apply would refuse: " + refused.reason());
        }
        return ((ExternalListenerPatch.Patched) outcome).text();
    }

    private static String describe(Fleet fleet, BrokerConfig config, BrokerPlan broker) throws Exception {
        RemoteHost host = fleet.broker(broker);
        String file = broker.paths().configFile();
        String current = host.exec(Shell.format("cat -- {} 2>/dev/null || true", file)).stdout();
        boolean running = host.exec(Shell.line("pgrep", "-f", "kafka.Kafka " + file)).succeeded();
        return section(fleet.plan(), config, broker, current, running);
    }

    /** One broker's part of the plan, from its live config: what apply would make of it, secret values masked. */
    static String section(Plan plan, BrokerConfig config, BrokerPlan broker, String current, boolean running) {
        String file = broker.paths().configFile();
        String wanted = plan.inventory().existing().isPresent() ? patched(plan, broker, current)
                : config.render(broker);
        String diff = ConfigFile.unifiedDiff(current, wanted, file);
        String state = diff.isEmpty() ? "no change" : current.isEmpty() ? "new file"
                : running ? "changed (running: would restart)" : "changed";
        return "== " + broker.label() + ": " + state + (diff.isEmpty() ? "" : "\n" + diff.stripTrailing());
    }
}
