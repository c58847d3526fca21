package io.plk.orchestrator.plays;

import io.plk.agent.protocol.AgentResult;
import io.plk.agent.protocol.Status;
import io.plk.orchestrator.plan.AppliedNode;
import io.plk.orchestrator.plan.BrokerPlan;
import io.plk.orchestrator.plan.Plan;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Takes nodes that left the inventory out of the running cluster, one at a time, before the load balancer drops
 * them:
 * <ol>
 * <li>a broker's replicas all move to the remaining brokers (spread over the AZs, under a replication throttle),
 * and the move is waited for;</li>
 * <li>a controller leaves the voters of its dynamic quorum (KIP-853 remove-controller; the agent refuses if fewer
 * than three caught-up voters would remain), so the quorum never counts a vote that is about to vanish;</li>
 * <li>the node stops;</li>
 * <li>only once stopped and empty is a broker unregistered;</li>
 * <li>its host is released: kept running with its data, or, with {@code --terminate-removed}, its instance
 * terminated (a node reaches this step only empty, out of the quorum, stopped and unregistered);</li>
 * <li>it is forgotten in the applied nodes, so a re-run after a failure goes on with the next one.</li>
 * </ol>
 * Every step answers "ok" when already done.
 */
public final class RemoveBrokersPlay {
    /** What becomes of a node's host once the node is out of the cluster. */
    @FunctionalInterface
    public interface LeftHost {
        /** The host keeps running, and its data stays on its disk. */
        LeftHost KEPT = node -> new Released(Status.OK, "its host keeps running, its data on its disk");

        Released release(BrokerPlan node);
    }

    /** What {@link LeftHost} did, for the report. */
    public record Released(Status status, String msg) {
    }

    private final Report report;
    private final long throttleBytesPerSecond;
    private final LeftHost leftHost;

    public RemoveBrokersPlay(Report report, long throttleBytesPerSecond, LeftHost leftHost) {
        this.report = report;
        this.throttleBytesPerSecond = throttleBytesPerSecond;
        this.leftHost = leftHost;
    }

    public void run(Plan plan, Fleet fleet, List<AppliedNode> leaving) throws IOException {
        BrokerAgents agents = new BrokerAgents(fleet, new BrokerRequests(plan));
        run(plan, agents::run, leaving);
    }

    void run(Plan plan, NodeCommand agents, List<AppliedNode> leaving) throws IOException {
        // any remaining broker asks the cluster: the Admin calls go through its INTERNAL listener
        BrokerPlan asker = plan.brokerNodes().get(0);
        Path inventory = plan.inventory().file();
        for (AppliedNode node : leaving) {
            BrokerPlan gone = plan.leaving(node);
            report.task("remove " + gone.label());
            Map<String, Object> removal = Map.of("removeNodeId", gone.nodeId());
            if (gone.isBroker()) {
                step(asker, "reassign", agents.run(asker, "reassign", Map.of("removeNodeId", gone.nodeId(),
                        "throttleBytesPerSecond", throttleBytesPerSecond)));
            }
            if (gone.isController()) {
                step(asker, "removeVoter", agents.run(asker, "removeVoter", removal));
            }
            step(gone, "stop", agents.run(gone, "stop", Map.of()));
            if (gone.isBroker()) {
                step(asker, "unregister", agents.run(asker, "unregister", removal));
            }
            Released released = leftHost.release(gone);
            report.step(gone.label(), released.status(), "release: " + released.msg());
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
