package io.plk.orchestrator.plays;

import io.plk.agent.protocol.AccessProbe;
import io.plk.agent.protocol.AgentResult;
import io.plk.agent.protocol.Status;
import io.plk.orchestrator.plan.BrokerPlan;
import io.plk.orchestrator.plan.Plan;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The runbook's checks (steps 2.5 and "Test EXTERNAL listener settings"), run by the agents inside
 * the VPC: INTERNAL bootstrap lists every broker at its private address, produce and consume 10
 * messages on a 3-partition RF 3 topic; each EXTERNAL listener advertises exactly the pattern's
 * names and load balancer ports; with authentication, logins and the first user's ACLs hold on EXTERNAL.
 */
public final class VerifyPlay {
    private final Report report;

    public VerifyPlay(Report report) {
        this.report = report;
    }

    public void run(Fleet fleet) throws IOException {
        Plan plan = fleet.plan();
        BrokerAgents agents = new BrokerAgents(fleet, new BrokerRequests(plan));
        BrokerPlan first = plan.brokerNodes().get(0);
        report.task("verify INTERNAL: bootstrap, produce and consume");
        AgentResult internal = agents.run(first, "verify", Map.of("bootstrap", plan.internalBootstrap()));
        check(first, internal);
        if (plan.inventory().existing().isPresent()) {
            // a cluster we did not install may advertise its INTERNAL listener by any name
            report.step(first.label(), Status.OK, internal.msg());
        } else {
            List<String> expectedInternal = plan.brokerNodes().stream()
                    .map(b -> b.nodeId() + "=" + b.host() + ":" + plan.ports().internal()).toList();
            expectSame(first, "INTERNAL", expectedInternal, internal);
            report.step(first.label(), Status.OK, internal.msg() + "; advertised " + expectedInternal);
        }
        report.task("verify EXTERNAL: advertised names and ports" + (plan.externalAuth().enabled()
                ? ", logged in as " + plan.externalAuth().users().get(0).name() : ""));
        List<String> expectedExternal = plan.brokerNodes().stream()
                .map(b -> b.nodeId() + "=" + b.externalAdvertised()).toList();
        Map<String, Object> request = new java.util.HashMap<>(agents.requests().login());
        for (BrokerPlan broker : plan.brokerNodes()) {
            request.put("bootstrap", broker.host() + ":" + plan.ports().external());
            AgentResult external = agents.run(broker, "advertised", request);
            check(broker, external);
            expectSame(broker, "EXTERNAL", expectedExternal, external);
            report.step(broker.label(), Status.OK, "EXTERNAL advertises " + expectedExternal);
        }
        if (plan.externalAuth().enabled()) {
            access(plan, agents, first);
        }
    }

    /** On one broker's EXTERNAL, as its clients meet it: logins refused and allowed, the first user's ACLs. */
    private void access(Plan plan, BrokerAgents agents, BrokerPlan broker) throws IOException {
        report.task("verify EXTERNAL access as " + plan.externalAuth().users().get(0).name());
        Map<String, Object> request = new java.util.HashMap<>(agents.requests().login());
        request.put("bootstrap", broker.host() + ":" + plan.ports().external());
        Optional<AccessProbe> probe = plan.accessProbe();
        probe.ifPresent(p -> request.put("accessProbe", p));
        AgentResult result = agents.run(broker, "access", request);
        check(broker, result);
        report.step(broker.label(), Status.OK, result.msg() + probe.map(VerifyPlay::notAsked)
                .orElse("; ACLs not checked: privateLink.auth.authorizer is false, so every user reaches every topic"));
    }

    private static String notAsked(AccessProbe probe) {
        List<String> skipped = new ArrayList<>();
        if (probe.allowedTopic() == null) {
            skipped.add("no ACL of it lets it describe a topic");
        }
        if (probe.deniedTopic() == null) {
            skipped.add("its ACLs cover every topic");
        }
        if (probe.deniedGroup() == null) {
            skipped.add("its ACLs cover every group");
        }
        return skipped.isEmpty() ? "" : "; not asked: " + String.join(", ", skipped);
    }

    private static void check(BrokerPlan broker, AgentResult result) {
        if (result.isFailed()) {
            throw new PlayFailedException(broker.label(), result.command(), result.msg());
        }
    }

    @SuppressWarnings("unchecked")
    private static void expectSame(BrokerPlan broker, String listener, List<String> expected, AgentResult result) {
        List<String> actual = new ArrayList<>();
        for (Map<String, Object> node : (List<Map<String, Object>>) result.facts().get("advertised")) {
            actual.add(node.get("id") + "=" + node.get("host") + ":" + node.get("port"));
        }
        if (!actual.equals(expected)) {
            throw new PlayFailedException(broker.label(), "verify " + listener, "advertises " + actual
                    + " but the plan says " + expected);
        }
    }
}
