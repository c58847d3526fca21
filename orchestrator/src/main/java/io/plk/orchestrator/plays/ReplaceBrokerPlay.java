package io.plk.orchestrator.plays;

import io.plk.agent.protocol.AgentResult;
import io.plk.agent.protocol.Status;
import io.plk.orchestrator.inventory.BadInputException;
import io.plk.orchestrator.plan.BrokerPlan;
import io.plk.orchestrator.plan.Plan;
import io.plk.orchestrator.plan.Quorum;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * Brings back a node whose host was replaced: the same node id and address, an empty disk ({@code apply
 * --replace-broker N}). The new host is formatted with the cluster's id and the node's id only once the cluster no
 * longer sees that node alive (no broker N registered and unfenced, no voter N caught up); the agent's format still
 * refuses a disk that holds another cluster's or node's identity. A voter of a dynamic quorum comes back the quorum's
 * own way (KIP-853): its new disk gets a new directory id and joins as an observer, the lost voter is removed, and the
 * node is added as a voter again once caught up. A voter of a static quorum is refused: formatted empty, it could help
 * elect a leader that lacks committed metadata. Done when the node is back and no partition is under-replicated.
 * Every step answers ok when already done, so a re-run after a failure goes on from where it stopped.
 */
public final class ReplaceBrokerPlay {
    /** The agents the replacement talks to: a seam, so that its steps and refusals are tested without hosts. */
    interface Agents extends RollingRestart.Agents, NodeCommand {
        /** Health of {@code subject} as {@code observer} sees it. */
        HealthView health(BrokerPlan observer, BrokerPlan subject) throws IOException;
    }

    private final Report report;
    private final Duration gateLimit;

    ReplaceBrokerPlay(Report report, Duration gateLimit) {
        this.report = report;
        this.gateLimit = gateLimit;
    }

    /** The node {@code --replace-broker} names, or bad input naming the option (before anything is touched). */
    public static BrokerPlan target(Plan plan, int nodeId) {
        if (plan.inventory().existing().isPresent()) {
            throw new BadInputException("--replace-broker " + nodeId + ": this cluster runs Kafka installed by others "
                    + "(existing:); replace its broker the way it was installed");
        }
        return plan.brokers().stream().filter(b -> b.nodeId() == nodeId).findFirst().orElseThrow(() ->
                new BadInputException("--replace-broker " + nodeId + ": brokers: has no node with nodeId " + nodeId
                        + " (it has " + plan.brokers().stream().map(b -> String.valueOf(b.nodeId())).toList()
                        + "); name the node whose host was replaced"));
    }

    /** @param facts the node's facts after install and configure */
    void run(Plan plan, Agents agents, BrokerPlan node, AgentResult facts) throws IOException {
        report.task("replace " + node.label());
        boolean voter = node.isController();
        if (voter && plan.quorum().mode() != Quorum.Mode.DYNAMIC) {
            throw new GateBlockedException(node.label(), "replace", "it is a voter of a static quorum "
                    + "(controller.quorum.voters): formatted empty, it could help elect a leader that lacks committed "
                    + "metadata, and a static quorum has no way to drop and re-add a voter (Kafka 4.x dynamic quorums "
                    + "do, KIP-853). Bring its disk back, or restore its data dir from a backup. Nothing was changed");
        }
        BrokerPlan asker = plan.brokerNodes().stream().filter(b -> b.nodeId() != node.nodeId()).findFirst()
                .orElseThrow(() -> new GateBlockedException(node.label(), "replace", "no other broker to ask"));
        if (!Boolean.TRUE.equals(facts.facts().get("formatted"))) {
            refuseIfAlive(node, agents.health(asker, node));
        }
        step(node, "format", agents.run(node, "format", voter ? VoterJoin.seat() : Map.of()));
        if (voter) {
            step(asker, "removeVoter", agents.run(asker, "removeVoter", Map.of("removeNodeId", node.nodeId(),
                    "replacing", true)));
        }
        Long startedAtMs = null;
        if (facts.facts().get("pid") == null) {
            AgentResult started = step(node, "start", agents.run(node, "start", Map.of()));
            startedAtMs = started.facts().get("startedAtMs") instanceof Number n ? n.longValue() : null;
        }
        if (voter) {
            step(node, "addVoter", new VoterJoin(gateLimit).addVoter(agents, node));
        }
        long waitStarted = System.nanoTime();
        new HealthWaits(agents, report, gateLimit).awaitBack(node, 0, startedAtMs, "It runs but is not back yet; "
                + "re-run apply --replace-broker " + node.nodeId() + " to wait again");
        report.step(node.label(), Status.CHANGED, "back: registered, caught up, 0 under-replicated partitions ("
                + (System.nanoTime() - waitStarted) / 1_000_000 + " ms after its start)");
    }

    private void refuseIfAlive(BrokerPlan node, HealthView cluster) {
        String alive = node.isBroker() && cluster.liveBrokers().contains(node.nodeId())
                ? "broker " + node.nodeId() + " is registered and unfenced"
                : cluster.caughtUpVoters().contains(node.nodeId()) ? "voter " + node.nodeId() + " is caught up" : null;
        if (alive != null) {
            throw new GateBlockedException(node.label(), "replace", alive + ", so node " + node.nodeId() + " still "
                    + "runs somewhere, while " + node.host() + " holds no Kafka data: the old host still runs, or the "
                    + "inventory names the wrong one. Stop the old host first; nothing was formatted");
        }
        report.step(node.label(), Status.OK, "the cluster sees no node " + node.nodeId() + " alive: safe to format");
    }

    private AgentResult step(BrokerPlan on, String command, AgentResult result) {
        report.step(on.label(), result.status(), command + ": " + result.msg());
        if (result.isFailed()) {
            throw new PlayFailedException(on.label(), command, result.msg() + ". Nothing after this step ran; re-run "
                    + "apply --replace-broker to go on from here");
        }
        return result;
    }
}
