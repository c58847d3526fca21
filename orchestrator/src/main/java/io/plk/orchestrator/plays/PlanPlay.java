package io.plk.orchestrator.plays;

import io.plk.agent.protocol.AgentResult;
import io.plk.agent.protocol.Status;
import io.plk.orchestrator.aws.Change;
import io.plk.orchestrator.inventory.ScramUserSpec;
import io.plk.orchestrator.kafka.ExternalProtocolSwitch;
import io.plk.orchestrator.plan.NodeChanges;
import io.plk.orchestrator.plan.BrokerPlan;
import io.plk.orchestrator.plan.Plan;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What apply would do on the hosts, asked of the agents themselves: each gets apply's own converge request in check
 * mode and answers with its diff and whether its running Kafka would restart; the restarts are put in the roll's
 * order against the cluster's health read now (the active controller found, not assumed). Plan and apply therefore
 * share one code path and cannot disagree. Kafka's config, data and process are never touched.
 */
public final class PlanPlay {
    /** The agents plan asks: apply's converge in check mode, and the cluster's health. */
    interface Agents extends NodeCommand {
        HealthView health(BrokerPlan subject, Long restartedAtMs) throws IOException;
    }

    private final PrintStream out;

    public PlanPlay(PrintStream out) {
        this.out = out;
    }

    /**
     * What needs no host: membership against the last apply, and with {@code aws:} the AWS changes.
     *
     * @return whether the hosts are known, so that their agents can be asked
     */
    public boolean beforeHosts(Plan plan) throws IOException {
        NodeChanges.between(AppliedNodes.read(plan.inventory().file()), plan).describe()
                .forEach(line -> out.println("membership: " + line));
        var aws = plan.inventory().aws();
        if (aws.isEmpty()) {
            return true;
        }
        List<Change> changes = new AwsPlay(new Report(out)).plan(plan, aws.get());
        out.println(changes.isEmpty() ? "AWS: no change" : "AWS:");
        changes.forEach(c -> out.println("  " + c));
        if (plan.inventory().brokers().stream().anyMatch(b -> b.host() == null)
                || plan.inventory().ssh().bastion().host() == null) {
            out.println("hosts: not provisioned yet; every broker would be installed, formatted and started");
            notRunning(plan).ifPresent(out::println);
            return false;
        }
        return true;
    }

    public void run(Plan plan, Fleet fleet, Report report, boolean removeUsers) throws IOException {
        new ArtifactDelivery(report).deliver(plan, fleet);
        BrokerAgents agents = new BrokerAgents(fleet, new BrokerRequests(plan));
        Map<BrokerPlan, AgentResult> answers = fleet.each(plan.brokers(), broker -> ask(agents, broker));
        Optional<BrokerPlan> running = show(answers, agents);
        if (running.isPresent() && plan.externalAuth().enabled()) {
            users(fleet, running.get(), removeUsers).forEach(out::println);
        } else {
            notRunning(plan).ifPresent(out::println);
        }
    }

    /** Prints each node's answer and the restart order; returns a node whose Kafka runs, if any. */
    Optional<BrokerPlan> show(Map<BrokerPlan, AgentResult> answers, Agents agents) {
        List<BrokerPlan> restarting = new ArrayList<>();
        BrokerPlan running = null;
        for (Map.Entry<BrokerPlan, AgentResult> answer : answers.entrySet()) {
            NodeAnswer node = NodeAnswer.of(answer.getValue());
            out.println("== " + answer.getKey().label() + ": " + node.summary());
            node.details().forEach(out::println);
            node.warnings().forEach(w -> out.println("warning: " + w));
            if (node.restartPending()) {
                restarting.add(answer.getKey());
            }
            if (node.running() && running == null) {
                running = answer.getKey();
            }
        }
        out.println(restarting.isEmpty() ? "no node would restart" : "would restart one at a time: "
                + String.join("; ", order(restarting, agents)));
        return Optional.ofNullable(running);
    }

    /** The roll's own order (down first, brokers, controllers, the active controller last) on health read now. */
    private static List<String> order(List<BrokerPlan> restarting, Agents agents) {
        HealthView health;
        try {
            health = agents.health(restarting.get(0), null);
        } catch (IOException | PlayFailedException e) {
            return List.of(restarting.stream().map(b -> "node " + b.nodeId())
                    .collect(Collectors.joining(", ")) + " (the cluster could not tell which is the active controller: " + e.getMessage()
                    + "; the roll asks again before each pick)");
        }
        List<BrokerPlan> remaining = new ArrayList<>(restarting);
        List<String> picks = new ArrayList<>();
        while (!remaining.isEmpty()) {
            RestartOrder.Pick pick = RestartOrder.next(remaining, health);
            picks.add(pick.broker().label() + ": " + pick.why());
            remaining.remove(pick.broker());
        }
        return picks;
    }

    private static AgentResult ask(BrokerAgents agents, BrokerPlan broker) {
        Map<String, Object> request = new HashMap<>(agents.requests().converge(broker, false));
        request.put("check", true);
        try {
            return agents.run(broker, "converge", request);
        } catch (IOException | PlayFailedException e) {
            return AgentResult.failed("converge", "its agent could not be asked: " + e.getMessage(), Map.of());
        }
    }

    /** The users part when no broker runs: the cluster cannot be asked; a new one gets every user. */
    private static Optional<String> notRunning(Plan plan) {
        if (!plan.externalAuth().enabled()) {
            return Optional.empty();
        }
        List<String> names = plan.externalAuth().users().stream().map(ScramUserSpec::name).toList();
        return Optional.of(usersHeader(plan) + ": no broker is running to ask; on a new cluster apply creates every "
                + "user: " + String.join(", ", names) + (plan.externalAuth().authorizer() ? ", with "
                + plan.acls().size() + " ACLs" : ""));
    }

    /** What {@code users} would do, from the agent of a running broker in check mode; never a password. */
    private static List<String> users(Fleet fleet, BrokerPlan broker, boolean removeUsers) {
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

    /** One node's check-mode converge, read for the plan. */
    record NodeAnswer(String summary, List<String> details, List<String> warnings, boolean running,
                      boolean restartPending) {
        static NodeAnswer of(AgentResult converge) {
            List<AgentResult> steps = AgentClient.steps(converge);
            if (steps.isEmpty()) {
                return new NodeAnswer("cannot tell: " + converge.msg(), List.of(), List.of(), false, false);
            }
            List<String> details = new ArrayList<>();
            List<String> warnings = new ArrayList<>();
            for (AgentResult step : steps) {
                boolean versionChange = step.facts() != null && step.facts().containsKey("from");
                if (step.status() == Status.OK && !versionChange || step.command().equals("facts")) {
                    continue; // nothing to do there; an upgrade or downgrade is worth saying even when it is fine
                }
                details.add("  " + step.command() + (step.isFailed() ? " would fail: " : ": ") + step.msg());
                if (step.diff() != null) {
                    details.add(step.diff().stripTrailing());
                    ExternalProtocolSwitch.in(step.diff()).ifPresent(warnings::add);
                }
            }
            AgentResult last = steps.get(steps.size() - 1);
            Map<String, Object> facts = last.command().equals("facts") ? last.facts() : Map.of();
            boolean running = facts.get("pid") != null;
            boolean pending = Boolean.TRUE.equals(facts.get("restartPending"));
            String summary = converge.isFailed() ? "apply would stop here"
                    : details.isEmpty() ? "no change" + (pending ? " (running an older config: would restart)" : "")
                    : pending ? "changed (running: would restart)" : running ? "changed (running, no restart)"
                    : "changed";
            return new NodeAnswer(summary, List.copyOf(details), List.copyOf(warnings), running, pending);
        }
    }
}
