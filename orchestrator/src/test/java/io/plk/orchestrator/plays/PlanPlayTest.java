package io.plk.orchestrator.plays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plk.agent.protocol.AgentResult;
import io.plk.orchestrator.plan.BrokerPlan;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What plan prints from the agents' check-mode answers, and that its restart order is the roll's. */
class PlanPlayTest {
    private static final String DIFF = "--- a/server.properties\n+++ b/server.properties\n-num.partitions=3\n"
            + "+num.partitions=6\n";

    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** A check-mode converge answer: configure changed or not, the facts of a running or stopped node. */
    private static AgentResult answer(boolean configChanged, boolean running, boolean pending) {
        AgentResult configure = configChanged
                ? AgentResult.changed("configure", "would rewrite server.properties", Map.of()).withDiff(DIFF)
                : AgentResult.ok("configure", "server.properties is up to date", Map.of());
        Map<String, Object> facts = new HashMap<>(Map.of("restartPending", pending));
        facts.put("pid", running ? 4242L : null);
        List<AgentResult> steps = List.of(AgentResult.ok("install", "already installed", Map.of()), configure,
                AgentResult.ok("facts", "collected", facts));
        return AgentResult.changed("converge", "", Map.of("steps", steps));
    }

    private static PlanPlay.Agents asking(FakeCluster cluster) {
        return new PlanPlay.Agents() {
            @Override
            public HealthView health(BrokerPlan subject, Long restartedAtMs) {
                return cluster.health(subject, restartedAtMs);
            }

            @Override
            public AgentResult run(BrokerPlan node, String command, Map<String, Object> fields) {
                throw new AssertionError("plan runs nothing but health after the converge: " + command);
            }
        };
    }

    private String show(FakeCluster cluster, Map<BrokerPlan, AgentResult> answers) {
        new PlanPlay(new PrintStream(out, true)).show(answers, asking(cluster));
        return out.toString();
    }

    /** The node ids in the order plan prints them after "would restart one at a time: ". */
    private static List<Integer> planned(String printed) {
        String line = printed.lines().filter(l -> l.startsWith("would restart one at a time: ")).findFirst()
                .orElseThrow(() -> new AssertionError(printed));
        List<Integer> ids = new ArrayList<>();
        Matcher node = Pattern.compile("(?:broker|controller) (\\d+) \\(").matcher(line);
        while (node.find()) {
            ids.add(Integer.parseInt(node.group(1)));
        }
        return ids;
    }

    @Test
    void theRestartsArePrintedInTheRollsOrderWithTheActiveControllerFoundNow() throws IOException {
        FakeCluster cluster = FakeCluster.dedicated(3, 3, dir).leader(2);
        Map<BrokerPlan, AgentResult> answers = new LinkedHashMap<>();
        cluster.brokers.forEach(b -> answers.put(b, answer(true, true, true)));
        String printed = show(cluster, answers);
        assertEquals(List.of(4, 5, 6, 1, 3, 2), planned(printed));
        assertTrue(printed.contains("controller 2 (10.0.0.2, usw2-az2): the active controller, last"), printed);
        assertTrue(printed.contains("== broker 4 (10.0.0.4, usw2-az4): changed (running: would restart)\n"
                + "  configure: would rewrite server.properties\n" + DIFF.stripTrailing()), printed);

        FakeCluster rolled = FakeCluster.dedicated(3, 3, dir).leader(2);
        new RollingRestart(rolled, new Report(new PrintStream(new ByteArrayOutputStream())), Duration.ofSeconds(5),
                LoadBalancerHealth.NONE).run(rolled.brokers, RollingRestartTest.requested(rolled.brokers),
                rolled.brokers.stream().collect(Collectors.toMap(b -> b, b -> AgentResult.ok("facts", "", Map.of()))));
        assertEquals(planned(printed).stream().map(id -> "start " + id).toList(), rolled.restarts(),
                "plan's order is the order the roll takes on the same cluster");
    }

    @Test
    void aStoppedNodeWhoseConfigChangesJustStartsAndAnUnchangedOneIsNoChange() {
        FakeCluster cluster = new FakeCluster(3, dir).leader(1);
        Map<BrokerPlan, AgentResult> answers = new LinkedHashMap<>();
        answers.put(cluster.broker(1), answer(false, true, false));
        answers.put(cluster.broker(2), answer(true, false, false));
        answers.put(cluster.broker(3), answer(false, true, true));
        String printed = show(cluster, answers);
        assertTrue(printed.contains("== broker 1 (10.0.0.1, usw2-az1): no change\n"), printed);
        assertTrue(printed.contains("== broker 2 (10.0.0.2, usw2-az2): changed\n"), printed);
        assertTrue(printed.contains("== broker 3 (10.0.0.3, usw2-az3): no change (running an older config: would "
                + "restart)"), printed);
        assertEquals(List.of(3), planned(printed), "a stopped broker is started, not restarted");
    }

    @Test
    void nothingToRestartAsksNoHealth() {
        FakeCluster cluster = new FakeCluster(3, dir);
        Map<BrokerPlan, AgentResult> answers = new LinkedHashMap<>();
        cluster.brokers.forEach(b -> answers.put(b, answer(false, true, false)));
        assertTrue(show(cluster, answers).contains("no node would restart"));
        assertEquals(List.of(), cluster.calls);
    }

    @Test
    void aNodeWhoseAgentCannotBeAskedSaysSoAndTheOrderSaysWhyItIsUnsure() {
        FakeCluster cluster = new FakeCluster(3, dir).failingHealthCalls(1);
        Map<BrokerPlan, AgentResult> answers = new LinkedHashMap<>();
        answers.put(cluster.broker(1), AgentResult.failed("converge", "its agent could not be asked: no java",
                Map.of()));
        answers.put(cluster.broker(2), answer(true, true, true));
        String printed = show(cluster, answers);
        assertTrue(printed.contains("== broker 1 (10.0.0.1, usw2-az1): cannot tell: its agent could not be asked: "
                + "no java"), printed);
        assertTrue(printed.contains("would restart one at a time: node 2 (the cluster could not tell which is the "
                + "active controller"), printed);
    }

    @Test
    void anUpgradeIsNamedWithItsVersionsBesideTheConfigItChanges() {
        FakeCluster cluster = new FakeCluster(1, dir);
        Map<String, Object> facts = new HashMap<>(Map.of("restartPending", true));
        facts.put("pid", 4242L);
        List<AgentResult> steps = List.of(AgentResult.ok("versions", "upgrade 3.7.1 -> 4.1.1", Map.of("from", "3.7.1",
                "to", "4.1.1")), AgentResult.changed("install", "would unpack kafka_2.13-4.1.1.tgz into /home/k",
                Map.of()), AgentResult.changed("configure", "would rewrite server.properties", Map.of()).withDiff(DIFF),
                AgentResult.ok("facts", "collected", facts));
        String printed = show(cluster, Map.of(cluster.broker(1), AgentResult.changed("converge", "", Map.of("steps",
                steps))));
        assertTrue(printed.contains("changed (running: would restart)\n  versions: upgrade 3.7.1 -> 4.1.1\n"
                + "  install: would unpack kafka_2.13-4.1.1.tgz into /home/k\n"
                + "  configure: would rewrite server.properties\n"), printed);
    }

    @Test
    void aStepThatWouldFailIsShownAsWhereApplyStops() {
        FakeCluster cluster = new FakeCluster(1, dir);
        List<AgentResult> steps = List.of(AgentResult.failed("versions", "a downgrade after finalizing is refused",
                Map.of()));
        String printed = show(cluster, Map.of(cluster.broker(1), AgentResult.failed("converge", "refused",
                Map.of("steps", steps))));
        assertTrue(printed.contains("== broker 1 (10.0.0.1, usw2-az1): apply would stop here\n"
                + "  versions would fail: a downgrade after finalizing is refused"), printed);
    }
}
