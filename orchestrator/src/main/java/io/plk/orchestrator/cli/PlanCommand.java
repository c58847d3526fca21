package io.plk.orchestrator.cli;

import io.plk.agent.kafka.ConfigFile;
import io.plk.agent.kafka.ExternalListenerPatch;
import io.plk.agent.kafka.ExternalSecurity;
import io.plk.agent.protocol.AgentResult;
import io.plk.orchestrator.aws.Change;
import io.plk.orchestrator.inventory.Inventory;
import io.plk.orchestrator.inventory.ScramUserSpec;
import io.plk.orchestrator.kafka.BrokerConfig;
import io.plk.orchestrator.kafka.ExternalProtocolSwitch;
import io.plk.orchestrator.plan.BrokerPlan;
import io.plk.orchestrator.plan.Plan;
import io.plk.orchestrator.plan.NodeChanges;
import io.plk.orchestrator.plays.AppliedNodes;
import io.plk.orchestrator.plays.AwsPlay;
import io.plk.orchestrator.plays.Fleet;
import io.plk.orchestrator.plays.PlayFailedException;
import io.plk.orchestrator.plays.Report;
import io.plk.orchestrator.plays.UsersStep;
import io.plk.orchestrator.ssh.RemoteHost;
import io.plk.orchestrator.ssh.Shell;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "plan", description = "What apply would do: per-broker server.properties diffs, which brokers "
        + "would restart in which order, the SCRAM users and ACLs it would add, rotate or remove. Reads, never writes.")
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

    /** One broker's part of the plan and whether its Kafka runs now. */
    private record BrokerView(String line, boolean running) {
    }

    int show(Target from, Inventory inventory, boolean removeUsers) throws Exception {
        Plan plan = Plan.of(inventory);
        NodeChanges.between(AppliedNodes.read(inventory.file()), plan).describe()
                .forEach(line -> System.out.println("membership: " + line));
        if (inventory.aws().isPresent()) {
            List<Change> changes = new AwsPlay(new Report(System.out))
                    .plan(plan, inventory.aws().get());
            System.out.println(changes.isEmpty() ? "AWS: no change" : "AWS:");
            changes.forEach(c -> System.out.println("  " + c));
            if (inventory.brokers().stream().anyMatch(b -> b.host() == null)
                    || inventory.ssh().bastion().host() == null) {
                System.out.println("hosts: not provisioned yet; every broker would be installed, formatted and started");
                notRunning(plan).ifPresent(System.out::println);
                return 0;
            }
        }
        BrokerConfig config = new BrokerConfig(plan);
        try (Fleet fleet = from.connect(plan)) {
            Map<BrokerPlan, BrokerView> views = fleet.each(plan.brokers(), broker -> describe(fleet, config, broker));
            List<String> restarts = new ArrayList<>();
            views.forEach((broker, view) -> {
                System.out.println(view.line());
                if (view.line().contains("(running: would restart)")) {
                    restarts.add(Integer.toString(broker.nodeId()));
                }
            });
            views.values().stream().map(v -> ExternalProtocolSwitch.in(v.line())).flatMap(Optional::stream).distinct()
                    .forEach(w -> System.out.println("warning: " + w));
            System.out.println(restarts.isEmpty() ? "no broker would restart"
                    : "would restart one at a time, the active controller last: node.id " + String.join(", ", restarts));
            Optional<BrokerPlan> running = views.entrySet().stream().filter(e -> e.getValue().running())
                    .map(Map.Entry::getKey).findFirst();
            if (running.isPresent() && plan.externalAuth().enabled()) {
                users(fleet, running.get(), removeUsers).forEach(System.out::println);
            } else {
                notRunning(plan).ifPresent(System.out::println);
            }
        }
        return 0;
    }

    /** The users part when no broker runs: the cluster cannot be asked; a new one gets every user. */
    private static Optional<String> notRunning(Plan plan) {
        if (!plan.externalAuth().enabled()) {
            return Optional.empty();
        }
        List<String> names = plan.externalAuth().users().stream().map(ScramUserSpec::name).toList();
        return Optional.of(usersHeader(plan) + ": no broker is running to ask; on a new cluster apply creates every user: "
                + String.join(", ", names) + (plan.externalAuth().authorizer() ? ", with " + plan.acls().size()
                + " ACLs" : ""));
    }

    /** What {@code users} would do, from the agent of a running broker in check mode; never a password. */
    static List<String> users(Fleet fleet, BrokerPlan broker, boolean removeUsers) {
        UsersStep step = UsersStep.of(fleet, removeUsers);
        String header = usersHeader(fleet.plan());
        AgentResult result;
        try {
            result = step.run(broker, true);
        } catch (IOException | PlayFailedException e) {
            return List.of(header + ": " + broker.label() + " could not tell: " + e.getMessage());
        }
        if (result.isFailed()) {
            return List.of(header + ": " + broker.label() + " could not tell: " + result.msg());
        }
        List<String> lines = new ArrayList<>();
        List<String> changes = step.changes(result);
        lines.add(header + (changes.isEmpty() ? ": no change" : ", as " + broker.label() + " sees them:"));
        changes.forEach(c -> lines.add("  " + c));
        step.unlistedWarning(result).ifPresent(lines::add);
        return lines;
    }

    private static String usersHeader(Plan plan) {
        return "== users (" + plan.externalAuth().mechanism() + " on EXTERNAL"
                + (plan.externalAuth().authorizer() ? ", with their ACLs)" : ", no authorizer)");
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

    private static BrokerView describe(Fleet fleet, BrokerConfig config, BrokerPlan broker) throws Exception {
        RemoteHost host = fleet.broker(broker);
        String file = broker.paths().configFile();
        String current = host.exec(Shell.format("cat -- {} 2>/dev/null || true", file)).stdout();
        boolean running = host.exec(Shell.line("pgrep", "-f", "kafka.Kafka " + file)).succeeded();
        return new BrokerView(section(fleet.plan(), config, broker, current, running), running);
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
