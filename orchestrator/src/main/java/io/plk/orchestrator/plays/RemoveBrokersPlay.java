package io.plk.orchestrator.plays;

import io.plk.agent.protocol.AgentResult;
import io.plk.orchestrator.plan.AppliedNode;
import io.plk.orchestrator.plan.BrokerPlan;
import io.plk.orchestrator.plan.Plan;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Takes broker-only nodes that left the inventory out of the running cluster, one at a time, before the load
 * balancer drops them: every replica moves to the remaining brokers (spread over the AZs, under a replication
 * throttle) and the move is waited for; then the node stops, and only once stopped and empty is it unregistered.
 * Its data stays on its disk. Each node is forgotten in the applied nodes as soon as it is out, so a re-run after
 * a failure goes on with the next one; every step answers "ok" when already done.
 */
public final class RemoveBrokersPlay {
    /** The agent on one node, running one command with extra request fields. */
    @FunctionalInterface
    interface Agents {
        AgentResult run(BrokerPlan node, String command, Map<String, Object> fields) throws IOException;
    }

    private final Report report;
    private final long throttleBytesPerSecond;

    public RemoveBrokersPlay(Report report, long throttleBytesPerSecond) {
        this.report = report;
        this.throttleBytesPerSecond = throttleBytesPerSecond;
    }

    public void run(Plan plan, Fleet fleet, List<AppliedNode> leaving) throws IOException {
        BrokerAgents agents = new BrokerAgents(fleet, new BrokerRequests(plan));
        run(plan, agents::run, leaving);
    }

    void run(Plan plan, Agents agents, List<AppliedNode> leaving) throws IOException {
        // any remaining broker asks the cluster: the Admin calls go through its INTERNAL listener
        BrokerPlan asker = plan.brokerNodes().get(0);
        Path inventory = plan.inventory().file();
        for (AppliedNode node : leaving) {
            BrokerPlan gone = plan.leaving(node);
            report.task("remove " + gone.label());
            Map<String, Object> removal = Map.of("removeNodeId", gone.nodeId());
            step(asker, "reassign", agents.run(asker, "reassign", Map.of("removeNodeId", gone.nodeId(),
                    "throttleBytesPerSecond", throttleBytesPerSecond)));
            step(gone, "stop", agents.run(gone, "stop", Map.of()));
            step(asker, "unregister", agents.run(asker, "unregister", removal));
            AppliedNodes.forget(inventory, gone.nodeId());
        }
    }

    private void step(BrokerPlan on, String command, AgentResult result) {
        report.step(on.label(), result.status(), command + ": " + result.msg());
        if (result.isFailed()) {
            throw new PlayFailedException(on.label(), command, result.msg() + ". Nothing after this step ran; "
                    + "re-run apply --remove-brokers to go on from here");
        }
    }
}
