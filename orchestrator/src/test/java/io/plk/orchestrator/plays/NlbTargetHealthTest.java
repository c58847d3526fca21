package io.plk.orchestrator.plays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plk.orchestrator.aws.BrokerTargets;
import io.plk.orchestrator.inventory.BrokerSpec;
import io.plk.orchestrator.plan.BrokerPlan;
import io.plk.orchestrator.plan.Endpoint;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetHealthRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetHealthResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/**
 * The wait at the SDK boundary. moto's DescribeTargetHealth does no health checking (a registered running
 * instance is "healthy" at once, AWS says "initial" first), so the transitions come from a fake client.
 */
class NlbTargetHealthTest {
    private static final BrokerPlan BROKER = new BrokerPlan(2, "usw2-az2", "10.0.64.10", "b2", "b2.example", 9094,
            new Endpoint("10.0.64.10", 29092), null, BrokerSpec.COMBINED);
    private static final List<BrokerTargets.Target> TARGETS = List.of(
            new BrokerTargets.Target("plk-o-b2", "arn:b2", "i-2", 39092),
            new BrokerTargets.Target("plk-o-bootstrap", "arn:bootstrap", "i-2", 39092));

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int pauses;

    /** Answers each group's health from its own script; the last state repeats. */
    private static final class ScriptedElb implements ElasticLoadBalancingV2Client {
        final Map<String, Deque<String>> states = new HashMap<>();
        final List<String> asked = new ArrayList<>();

        ScriptedElb state(String groupArn, String... script) {
            states.put(groupArn, new ArrayDeque<>(List.of(script)));
            return this;
        }

        @Override
        public DescribeTargetHealthResponse describeTargetHealth(DescribeTargetHealthRequest request) {
            asked.add(request.targetGroupArn() + " " + request.targets().get(0).id() + ":"
                    + request.targets().get(0).port());
            Deque<String> script = states.get(request.targetGroupArn());
            String state = script.size() > 1 ? script.poll() : script.peek();
            return DescribeTargetHealthResponse.builder().targetHealthDescriptions(TargetHealthDescription.builder()
                    .target(request.targets().get(0)).targetHealth(h -> h.state(state)
                            .reason(state.equals("healthy") ? null : "Elb.RegistrationInProgress")).build()).build();
        }

        @Override
        public String serviceName() {
            return "elasticloadbalancing";
        }

        @Override
        public void close() {
        }
    }

    private NlbTargetHealth health(ScriptedElb elb, int maxPauses) {
        BooleanSupplier pause = () -> ++pauses <= maxPauses;
        return new NlbTargetHealth(nodeId -> TARGETS, new BrokerTargets(elb), Duration.ofSeconds(3),
                () -> pause, new Report(new PrintStream(out, true)), () -> { });
    }

    @Test
    void returnsOnlyOnceTheBrokerIsHealthyInItsOwnAndTheBootstrapGroup() {
        ScriptedElb elb = new ScriptedElb().state("arn:b2", "initial", "unhealthy", "healthy")
                .state("arn:bootstrap", "initial", "healthy");
        health(elb, 10).awaitHealthy(BROKER);
        assertEquals(2, pauses, "waited while b2 was initial, then unhealthy");
        assertEquals(List.of("arn:b2 i-2:39092", "arn:bootstrap i-2:39092", "arn:b2 i-2:39092",
                "arn:bootstrap i-2:39092", "arn:b2 i-2:39092", "arn:bootstrap i-2:39092"), elb.asked);
        assertTrue(out.toString().contains("plk-o-b2 i-2:39092 unhealthy (Elb.RegistrationInProgress)"),
                out.toString());
    }

    @Test
    void blocksWithTheTargetStatesWhenItNeverTurnsHealthy() {
        ScriptedElb elb = new ScriptedElb().state("arn:b2", "initial", "unhealthy").state("arn:bootstrap", "healthy");
        GateBlockedException blocked = assertThrows(GateBlockedException.class,
                () -> health(elb, 3).awaitHealthy(BROKER));
        assertTrue(blocked.getMessage().contains("broker 2 (10.0.64.10, usw2-az2) blocked at load balancer health: "
                + "targets not healthy after 3 s: [plk-o-b2 i-2:39092 unhealthy (Elb.RegistrationInProgress), "
                + "plk-o-bootstrap i-2:39092 healthy]"), blocked.getMessage());
        assertEquals(4, pauses);
    }
}
