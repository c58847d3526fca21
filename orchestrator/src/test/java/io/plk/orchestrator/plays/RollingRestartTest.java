package io.plk.orchestrator.plays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plk.agent.protocol.AgentResult;
import io.plk.agent.protocol.RestartReason;
import io.plk.orchestrator.plan.BrokerPlan;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RollingRestartTest {
    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @Test
    void theActiveControllerGoesLast() throws IOException {
        FakeCluster cluster = new FakeCluster(3, dir).leader(1);
        roll(cluster, Duration.ofSeconds(5));
        assertEquals(List.of("start 2", "start 3", "start 1"), cluster.restarts());
    }

    @Test
    void theActiveControllerIsReadAgainBeforeEveryPick() throws IOException {
        // leader 1 at first; once 2 is back the quorum elected 3, so 3 (not 1) must go last
        FakeCluster cluster = new FakeCluster(3, dir).leader(1).leaderAfterRestartOf(2, 3);
        roll(cluster, Duration.ofSeconds(5));
        assertEquals(List.of("start 2", "start 1", "start 3"), cluster.restarts());
    }

    @Test
    void controllersGoAfterTheBrokersAndTheActiveControllerLast() throws IOException {
        FakeCluster cluster = FakeCluster.dedicated(3, 3, dir).leader(2);
        roll(cluster, Duration.ofSeconds(5));
        assertEquals(List.of("start 4", "start 5", "start 6", "start 1", "start 3", "start 2"), cluster.restarts());
        assertTrue(out.toString().contains("a controller, after the brokers"), out.toString());
    }

    @Test
    void aControllerThatIsDownGoesBeforeTheBrokers() throws IOException {
        FakeCluster cluster = FakeCluster.dedicated(3, 3, dir).leader(1).down(3);
        roll(cluster, Duration.ofSeconds(5));
        assertEquals("start 3", cluster.restarts().get(0));
        assertTrue(out.toString().contains("not a caught-up voter"), out.toString());
    }

    @Test
    void aBrokerThatIsDownGoesFirst() throws IOException {
        FakeCluster cluster = new FakeCluster(3, dir).leader(1).down(3);
        roll(cluster, Duration.ofSeconds(5));
        assertEquals("start 3", cluster.restarts().get(0));
        assertTrue(out.toString().contains("nodes that are down go first"), out.toString());
    }

    @Test
    void aGateThatNeverTurnsGreenBlocksWithItsReasonAndStopsNothing() {
        FakeCluster cluster = new FakeCluster(3, dir).neverSafe();
        GateBlockedException blocked = assertThrows(GateBlockedException.class,
                () -> roll(cluster, Duration.ofMillis(800)));
        assertTrue(blocked.getMessage().contains("t-0 would drop below min ISR")
                && blocked.getMessage().contains("Nothing was stopped"), blocked.getMessage());
        assertTrue(cluster.calls.stream().noneMatch(c -> c.startsWith("stop")), cluster.calls.toString());
    }

    @Test
    void aVoterCutOffFromTheLeaderStopsTheRollAtOnceNotAfterTheGateTimeout() {
        FakeCluster cluster = new FakeCluster(3, dir).leader(1).restartedVoterCutOff();
        long started = System.nanoTime();
        GateBlockedException blocked = assertThrows(GateBlockedException.class,
                () -> roll(cluster, Duration.ofMinutes(10)));
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(5).toNanos(), "failed fast");
        assertTrue(blocked.getMessage().contains("has not fetched from leader 1 since its restart"),
                blocked.getMessage());
        assertEquals(List.of("start 2"), cluster.restarts(), "nothing after the broker that did not come back");
    }

    @Test
    void aFailedHealthCallIsAskedAgain() throws IOException {
        FakeCluster cluster = new FakeCluster(3, dir).failingHealthCalls(2);
        roll(cluster, Duration.ofSeconds(10));
        assertEquals(3, cluster.restarts().size());
        assertTrue(out.toString().contains("asking again"), out.toString());
    }

    @Test
    void aBrokerThatNeverCameBackIsTakenAgainByTheRerun() throws IOException {
        FakeCluster first = new FakeCluster(3, dir).leader(1).restartedVoterCutOff();
        assertThrows(GateBlockedException.class, () -> roll(first, Duration.ofSeconds(5)));
        assertEquals(List.of("start 2"), first.restarts());
        FakeCluster second = new FakeCluster(3, dir).leader(1);
        roll(second, Duration.ofSeconds(5));
        assertEquals(3, second.restarts().size(), "broker 2 never came back healthy, so it was not journaled");
        FakeCluster third = new FakeCluster(3, dir).leader(1);
        roll(third, Duration.ofSeconds(5));
        assertEquals(3, third.restarts().size(), "a completed roll leaves no journal");
    }

    @Test
    void aRerunAfterAFailureMidRollRestartsOnlyTheRest() throws IOException {
        FakeCluster first = new FakeCluster(3, dir).leader(1).leaderAfterRestartOf(3, 1);
        RollJournal journal = RollJournal.open(first.inventoryFile(), "test");
        journal.record(2, "hash", Map.of());
        roll(first, Duration.ofSeconds(5));
        assertEquals(List.of("start 3", "start 1"), first.restarts());
        assertTrue(out.toString().contains("already restarted with this config"), out.toString());
    }

    @Test
    void eachBrokerIsHealthyInTheLoadBalancerBeforeTheNextStops() throws IOException {
        FakeCluster cluster = new FakeCluster(3, dir).leader(1);
        roll(cluster, Duration.ofSeconds(5), broker -> cluster.calls.add("load balancer " + broker.nodeId()));
        List<String> order = cluster.calls.stream().filter(c -> c.startsWith("st") || c.startsWith("load")).toList();
        assertEquals(List.of("stop 2", "start 2", "load balancer 2", "stop 3", "start 3", "load balancer 3",
                "stop 1", "start 1", "load balancer 1"), order);
        assertTrue(out.toString().contains("loadBalancerHealthyMs="), out.toString());
    }

    static Map<BrokerPlan, Set<RestartReason>> requested(List<BrokerPlan> nodes) {
        return nodes.stream().collect(Collectors.toMap(b -> b, b -> Set.of(RestartReason.REQUESTED)));
    }

    @Test
    void eachRestartSaysWhyInItsStepAndInTheRecap() throws IOException {
        FakeCluster cluster = new FakeCluster(2, dir).leader(1);
        Map<BrokerPlan, AgentResult> facts = cluster.brokers.stream().collect(Collectors.toMap(b -> b,
                b -> AgentResult.ok("facts", "", Map.of("configHash", "h", "restartReasons", b.nodeId() == 1
                        ? List.of("KAFKA_VERSION", "CONFIG") : List.of("CONFIG")))));
        Map<BrokerPlan, Set<RestartReason>> why = cluster.brokers.stream().collect(Collectors.toMap(b -> b,
                b -> RollingRestart.reasons(facts.get(b))));
        Report report = new Report(new PrintStream(out, true));
        new RollingRestart(cluster, report, Duration.ofSeconds(5), LoadBalancerHealth.NONE).run(cluster.brokers, why,
                facts);
        report.recap();
        String printed = out.toString();
        assertTrue(printed.contains("TASK [rolling restart (its Kafka changed, its server.properties changed)]"),
                printed);
        assertTrue(printed.lines().anyMatch(l -> l.startsWith("changed: [broker 1 (10.0.0.1, usw2-az1)] restarted {")
                && l.endsWith("}: its Kafka changed, its server.properties changed")), printed);
        assertTrue(printed.lines().anyMatch(l -> l.startsWith("restarted broker 2 (10.0.0.2, usw2-az2)")
                && l.endsWith("its server.properties changed")), printed);
    }

    private void roll(FakeCluster cluster, Duration gateLimit) throws IOException {
        roll(cluster, gateLimit, LoadBalancerHealth.NONE);
    }

    private void roll(FakeCluster cluster, Duration gateLimit, LoadBalancerHealth loadBalancer) throws IOException {
        Map<BrokerPlan, AgentResult> facts = cluster.brokers.stream().collect(Collectors.toMap(b -> b,
                b -> AgentResult.ok("facts", "", Map.of("configHash", "hash"))));
        new RollingRestart(cluster, new Report(new PrintStream(out, true)), gateLimit, loadBalancer)
                .run(cluster.brokers, requested(cluster.brokers), facts);
    }
}
