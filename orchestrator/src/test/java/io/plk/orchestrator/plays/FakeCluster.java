package io.plk.orchestrator.plays;

import io.plk.agent.protocol.AgentResult;
import io.plk.orchestrator.inventory.BrokerSpec;
import io.plk.orchestrator.inventory.Role;
import io.plk.orchestrator.plan.BrokerPlan;
import io.plk.orchestrator.plan.Endpoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntUnaryOperator;

/**
 * A cluster the roll talks to without hosts: its nodes, a quorum leader, and what the agents answer.
 * Scripted with small fluent rules, e.g. {@code cluster.leaderAfterRestartOf(2, 3)}, and it records the
 * stops and starts the roll asked for.
 */
final class FakeCluster implements RollingRestart.Agents {
    final List<BrokerPlan> brokers = new ArrayList<>();
    final List<String> calls = new ArrayList<>();
    private final Set<Integer> live = new TreeSet<>();
    private final Path inventory;
    private int leader;
    private IntUnaryOperator leaderAfterRestart = restarted -> -2;
    private boolean canRestart = true;
    private boolean cutOffAfterRestart;
    private int failingHealthCalls;

    /** Combined nodes 1..n. */
    FakeCluster(int nodes, Path dir) {
        this(dir);
        for (int id = 1; id <= nodes; id++) {
            add(id, BrokerSpec.COMBINED);
        }
    }

    private FakeCluster(Path dir) {
        leader = 1;
        inventory = dir.resolve("inventory.yaml");
    }

    /** Controller-only nodes 1..controllers, then broker-only nodes. */
    static FakeCluster dedicated(int controllers, int brokerCount, Path dir) {
        FakeCluster cluster = new FakeCluster(dir);
        for (int id = 1; id <= controllers + brokerCount; id++) {
            cluster.add(id, id <= controllers ? Set.of(Role.CONTROLLER) : Set.of(Role.BROKER));
        }
        return cluster;
    }

    private void add(int id, Set<Role> roles) {
        brokers.add(new BrokerPlan(id, "usw2-az" + id, "10.0.0." + id, "b" + id, "b" + id + ".example", 9092 + id,
                new Endpoint("10.0.0." + id, 29092), null, roles));
        live.add(id);
    }

    FakeCluster leader(int nodeId) {
        leader = nodeId;
        return this;
    }

    /** After broker {@code restarted} comes back, the quorum leader is {@code newLeader}. */
    FakeCluster leaderAfterRestartOf(int restarted, int newLeader) {
        IntUnaryOperator before = leaderAfterRestart;
        leaderAfterRestart = r -> r == restarted ? newLeader : before.applyAsInt(r);
        return this;
    }

    FakeCluster down(int nodeId) {
        live.remove(nodeId);
        return this;
    }

    FakeCluster neverSafe() {
        canRestart = false;
        return this;
    }

    FakeCluster restartedVoterCutOff() {
        cutOffAfterRestart = true;
        return this;
    }

    FakeCluster failingHealthCalls(int count) {
        failingHealthCalls = count;
        return this;
    }

    BrokerPlan broker(int nodeId) {
        return brokers.get(nodeId - 1);
    }

    List<String> restarts() {
        return calls.stream().filter(c -> c.startsWith("start ")).toList();
    }

    @Override
    public HealthView health(BrokerPlan subject, Long restartedAtMs) {
        calls.add("health " + subject.nodeId());
        if (failingHealthCalls > 0) {
            failingHealthCalls--;
            throw new PlayFailedException(subject.label(), "health", "connection refused");
        }
        boolean hopeless = cutOffAfterRestart && restartedAtMs != null;
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("liveBrokers", brokers.stream().filter(b -> b.isBroker() && live.contains(b.nodeId()))
                .map(BrokerPlan::nodeId).toList());
        facts.put("voters", brokers.stream().filter(BrokerPlan::isController).map(b -> Map.<String, Object>of(
                "nodeId", b.nodeId(), "caughtUp", live.contains(b.nodeId()))).toList());
        facts.put("registered", subject.isBroker() && live.contains(subject.nodeId()));
        facts.put("underReplicatedPartitions", 0);
        facts.put("quorumLeader", leader);
        facts.put("canRestart", canRestart);
        facts.put("canRestartReasons", canRestart ? List.of("fine") : List.of("t-0 would drop below min ISR"));
        facts.put("caughtUp", !hopeless);
        facts.put("caughtUpReasons", hopeless ? List.of("voter " + subject.nodeId() + " has not caught up") : List.of());
        facts.put("quorumHealthy", !hopeless);
        facts.put("inIsr", true);
        facts.put("canRecover", !hopeless);
        facts.put("canRecoverReasons", hopeless ? List.of("voter " + subject.nodeId() + " has not fetched from leader "
                + leader + " since its restart") : List.of());
        return new HealthView(AgentResult.ok("health", "", facts));
    }

    @Override
    public AgentResult run(BrokerPlan broker, String command) {
        calls.add(command + " " + broker.nodeId());
        if (command.equals("stop")) {
            live.remove(broker.nodeId());
            return AgentResult.changed("stop", "stopped", Map.of());
        }
        live.add(broker.nodeId());
        int next = leaderAfterRestart.applyAsInt(broker.nodeId());
        if (next != -2) {
            leader = next;
        }
        return AgentResult.changed("start", "registered", Map.of("startedAtMs", 1_000L));
    }

    @Override
    public Path inventoryFile() {
        return inventory;
    }

    @Override
    public String clusterName() {
        return "test";
    }
}
