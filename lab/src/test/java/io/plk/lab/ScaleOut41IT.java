package io.plk.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plk.orchestrator.inventory.InventoryLoader;
import io.plk.orchestrator.plan.BrokerPlan;
import io.plk.orchestrator.plan.Plan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Node;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A Kafka 4.1 cluster of three combined nodes grows by a broker-only node in an AZ that already has one,
 * under a continuous idempotent producer: the plan shows it, apply formats and starts it without a flag and
 * restarts no one, the cloud side reaches it through the load balancer at its own port; taking it out again
 * is refused before anything changes, and with --remove-brokers it is emptied, stopped and unregistered under the
 * same producer. Then a combined node's host is replaced (an empty disk at the same address): apply refuses to format
 * it without --replace-broker, and with it the node rejoins the dynamic quorum under a new directory id. Last, the
 * quorum grows from three voters to five (two controller-only nodes join as observers and are added as voters) and
 * shrinks back to three with --remove-brokers, under the same producer.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScaleOut41IT {
    private static final Path WORK = Path.of("target/scale-out").toAbsolutePath();
    private Lab lab;
    private Path inventory;
    private String fourthLine;
    private String withFourth;
    private String withoutFourth;
    private String newControllerLines;
    private ClientKafka client;

    @BeforeAll
    void startLab() throws Exception {
        Path archive = Path.of(System.getProperty("plk.kafka.current.archive")).toAbsolutePath();
        Lab.down("plk-scale");
        lab = Lab.start(new LabOptions("plk-scale", 6, WORK, false));
        inventory = WORK.resolve("lab.yaml");
        lab.writeInventory(inventory, archive, false);
        String written = InventoryLines.withRoles(Files.readString(inventory), Map.of(4, "[broker]",
                5, "[controller]", 6, "[controller]"));
        fourthLine = InventoryLines.lineOf(written, 4);
        newControllerLines = InventoryLines.lineOf(written, 5) + "\n" + InventoryLines.lineOf(written, 6);
        withoutFourth = InventoryLines.without(InventoryLines.without(InventoryLines.without(written, 4), 5), 6);
        client = new ClientKafka(lab, archive);
    }

    @AfterAll
    void stopLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    @Order(1)
    void aFourthBrokerJoinsUnderLoadWithoutAFlagAndNoOneRestarts() throws Exception {
        Files.writeString(inventory, withoutFourth);
        EndToEndContract.Run first = EndToEndContract.run("apply", inventory.toString());
        assertEquals(0, first.exit(), first.out());
        withoutFourth = Files.readString(inventory); // with the cluster id and quorum the first apply wrote back
        withFourth = InventoryLines.withNodeAfter(withoutFourth, 3, fourthLine);
        Plan three = plan();
        try (LoadGenerator load = LoadGenerator.start(three.internalBootstrap(), "plk-grow")) {
            load.awaitAcked(200);
            Files.writeString(inventory, withFourth);
            EndToEndContract.Run plan = EndToEndContract.run("plan", inventory.toString());
            assertEquals(0, plan.exit(), plan.out());
            assertTrue(plan.out().contains("membership: joins: broker 4 (" + lab.broker(4).privateIp()
                    + ", usw2-az1), load balancer port 9096 (b4.usw2-az1.unique_name.aws.plc.tidbcloud.com:9096)"),
                    plan.out());
            long started = System.nanoTime();
            EndToEndContract.Run grow = EndToEndContract.run("apply", inventory.toString());
            assertEquals(0, grow.exit(), grow.out());
            System.out.println("scale out 3 -> 4: apply took " + (System.nanoTime() - started) / 1_000_000 + " ms");
            assertTrue(grow.out().lines().anyMatch(l -> l.contains("broker 4") && l.contains("format")), grow.out());
            assertFalse(grow.out().contains("rolling restart"), "no running broker restarts:\n" + grow.out());
            load.awaitAcked(load.acked() + 200);
            load.stopAndCount().assertNothingLostOrDuplicated();
        }
        Plan four = plan();
        List<String> advertised = client.advertisedThroughLoadBalancer(four, "cloud-grown");
        assertTrue(advertised.contains("b4.usw2-az1.unique_name.aws.plc.tidbcloud.com:9096"), advertised.toString());
        EndToEndContract.Run verify = EndToEndContract.run("verify", inventory.toString());
        assertEquals(0, verify.exit(), verify.out());
    }

    @Test
    @Order(2)
    void takingTheBrokerOutAgainIsRefusedAndChangesNothing() throws Exception {
        Files.writeString(inventory, withoutFourth);
        EndToEndContract.Run shrink = EndToEndContract.run("apply", inventory.toString());
        assertEquals(3, shrink.exit(), shrink.out() + shrink.err());
        assertTrue((shrink.out() + shrink.err()).contains("node 4 (" + lab.broker(4).privateIp()
                + ") was applied before"), shrink.out() + shrink.err());
        Files.writeString(inventory, withFourth);
        EndToEndContract.Run status = EndToEndContract.run("status", inventory.toString());
        assertEquals(4, status.out().lines().filter(l -> l.contains("in sync") && l.contains("pid")).count(),
                status.out());
    }

    @Test
    @Order(3)
    void withRemoveBrokersItsReplicasMoveThenItStopsAndIsUnregisteredUnderLoad() throws Exception {
        Plan three = Plan.of(InventoryLoader.load(writeAndRead(withoutFourth)));
        try (LoadGenerator load = LoadGenerator.start(three.internalBootstrap() + "," + lab.broker(4).privateIp()
                + ":" + three.ports().internal(), "plk-shrink")) {
            load.awaitAcked(200);
            assertTrue(replicasOn(three, 4) > 0, "the load's topic has replicas on broker 4 before");
            long started = System.nanoTime();
            EndToEndContract.Run shrink = EndToEndContract.run("apply", inventory.toString(), "--remove-brokers");
            assertEquals(0, shrink.exit(), shrink.out() + shrink.err());
            System.out.println("scale in 4 -> 3: apply took " + (System.nanoTime() - started) / 1_000_000 + " ms");
            assertTrue(shrink.out().contains("remove broker 4 (" + lab.broker(4).privateIp() + ", usw2-az1)"),
                    shrink.out());
            assertEquals(0, replicasOn(three, 4), "broker 4 holds no replica");
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", three.internalBootstrap()))) {
                assertEquals(List.of(1, 2, 3), admin.describeCluster().nodes().get().stream().map(Node::id)
                        .sorted().toList(), "broker 4 is unregistered");
            }
            load.awaitAcked(load.acked() + 200);
            load.stopAndCount().assertNothingLostOrDuplicated();
        }
        EndToEndContract.Run again = EndToEndContract.run("apply", inventory.toString());
        assertEquals(0, again.exit(), "the next apply no longer sees broker 4 leave:\n" + again.out() + again.err());
    }

    @Test
    @Order(4)
    void aReplacedCombinedNodeIsRefusedWithoutTheFlagThenRejoinsTheQuorumItsOwnWayUnderLoad() throws Exception {
        Plan three = Plan.of(InventoryLoader.load(writeAndRead(withoutFourth)));
        BrokerPlan node = three.broker(3);
        LabHost host = lab.broker(3).host();
        String oldDirectory = directoryId(host, node);
        try (LoadGenerator load = LoadGenerator.start(three.internalBootstrap(), "plk-replace")) {
            load.awaitAcked(200);
            // a new instance at the same address: no unit, no Kafka, no data, no ~/.plk
            host.sh("systemctl disable --now plk-kafka-3.service && rm -f /etc/systemd/system/plk-kafka-3.service"
                    + " && systemctl daemon-reload && rm -rf " + String.join(" ", node.paths().kafkaHome(),
                    node.paths().dataDir(), node.paths().stateDir(), node.paths().logDir()));
            EndToEndContract.Run refused = EndToEndContract.run("apply", inventory.toString());
            assertTrue(refused.exit() != 0 && (refused.out() + refused.err()).contains("re-run with --replace-broker 3"),
                    refused.out() + refused.err());
            long started = System.nanoTime();
            EndToEndContract.Run replaced = EndToEndContract.run("apply", inventory.toString(), "--replace-broker", "3");
            assertEquals(0, replaced.exit(), replaced.out() + replaced.err());
            System.out.println("replace node 3 (combined, dynamic quorum): apply took "
                    + (System.nanoTime() - started) / 1_000_000 + " ms");
            assertTrue(replaced.out().contains("the cluster sees no node 3 alive")
                    && replaced.out().contains("removeVoter: removed voter 3 (directory " + oldDirectory + ")")
                    && replaced.out().contains("addVoter: added node 3"), replaced.out());
            load.awaitAcked(load.acked() + 200);
            load.stopAndCount().assertNothingLostOrDuplicated();
        }
        String newDirectory = directoryId(host, node);
        assertFalse(newDirectory.equals(oldDirectory), "a new disk, a new directory id");
        String quorum = lab.broker(1).host().sh(node.paths().kafkaHome() + "/bin/kafka-metadata-quorum.sh "
                + "--bootstrap-server " + three.broker(1).host() + ":" + three.ports().internal()
                + " describe --replication");
        assertTrue(quorum.lines().anyMatch(l -> l.matches("\\s*3\\s+" + newDirectory + "\\s.*(Leader|Follower)\\s*")), quorum);
        // the leader may list the lost directory as an observer for a while (seen with 4.1.1), never as a voter
        assertTrue(quorum.lines().filter(l -> l.contains(oldDirectory))
                .noneMatch(l -> l.matches(".*(Leader|Follower)\\s*")), quorum);
        assertEquals(0, underReplicated(three), "every replica of node 3 is back in sync");
        EndToEndContract.Run again = EndToEndContract.run("apply", inventory.toString());
        assertEquals(0, again.exit(), again.out() + again.err());
        assertTrue(again.out().lines().noneMatch(l -> l.contains("TASK [format")), "nothing left to format:\n"
                + again.out());
    }

    @Test
    @Order(5)
    void twoControllersJoinTheDynamicQuorumAsVotersUnderLoad() throws Exception {
        Plan three = Plan.of(InventoryLoader.load(writeAndRead(withoutFourth)));
        Files.writeString(inventory, InventoryLines.withNodeAfter(withoutFourth, 3, newControllerLines));
        EndToEndContract.Run grow = applyUnderLoad(three, "plk-voters-in", "quorum 3 -> 5 voters");
        assertTrue(grow.out().lines().anyMatch(l -> l.contains("controller 5") && l.contains("addVoter: ")),
                grow.out());
        assertEquals(List.of(1, 2, 3, 5, 6), voters(three));
        EndToEndContract.Run again = EndToEndContract.run("apply", inventory.toString());
        assertEquals(0, again.exit(), again.out() + again.err());
        assertFalse(again.out().contains("TASK [add voters"), again.out());
    }

    @Test
    @Order(6)
    void withRemoveBrokersTheTwoControllersLeaveTheVotersAndStopUnderLoad() throws Exception {
        Plan three = Plan.of(InventoryLoader.load(writeAndRead(withoutFourth)));
        EndToEndContract.Run shrink = applyUnderLoad(three, "plk-voters-out", "quorum 5 -> 3 voters",
                "--remove-brokers");
        assertTrue(shrink.out().contains("removeVoter: removed voter 5")
                && shrink.out().contains("removeVoter: removed voter 6"), shrink.out());
        assertEquals(List.of(1, 2, 3), voters(three));
        for (int id : List.of(5, 6)) {
            assertEquals("", lab.broker(id).host().sh("pgrep -f [k]afka.Kafka || true").strip(), "node " + id
                    + " stopped");
        }
        EndToEndContract.Run again = EndToEndContract.run("apply", inventory.toString());
        assertEquals(0, again.exit(), "the next apply no longer sees them leave:\n" + again.out() + again.err());
    }

    /** apply with {@code options} under a continuous producer that loses and duplicates nothing; timed as {@code what}. */
    private EndToEndContract.Run applyUnderLoad(Plan plan, String topic, String what, String... options)
            throws Exception {
        try (LoadGenerator load = LoadGenerator.start(plan.internalBootstrap(), topic)) {
            load.awaitAcked(200);
            long started = System.nanoTime();
            List<String> args = new ArrayList<>(List.of("apply", inventory.toString()));
            args.addAll(List.of(options));
            EndToEndContract.Run run = EndToEndContract.run(args.toArray(String[]::new));
            assertEquals(0, run.exit(), run.out() + run.err());
            System.out.println(what + ": apply took " + (System.nanoTime() - started) / 1_000_000 + " ms");
            load.awaitAcked(load.acked() + 200);
            load.stopAndCount().assertNothingLostOrDuplicated();
            return run;
        }
    }

    private static List<Integer> voters(Plan plan) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", plan.internalBootstrap()))) {
            return admin.describeMetadataQuorum().quorumInfo().get().voters().stream()
                    .map(org.apache.kafka.clients.admin.QuorumInfo.ReplicaState::replicaId).sorted().toList();
        }
    }

    private static String directoryId(LabHost host, BrokerPlan node) {
        return host.sh("sed -n 's/^directory.id=//p' " + node.paths().dataDir() + "/meta.properties").strip();
    }

    private static long underReplicated(Plan plan) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", plan.internalBootstrap()))) {
            var topics = admin.describeTopics(admin.listTopics().names().get()).allTopicNames().get();
            return topics.values().stream().flatMap(t -> t.partitions().stream())
                    .filter(p -> p.isr().size() < p.replicas().size()).count();
        }
    }

    private Path writeAndRead(String text) throws java.io.IOException {
        Files.writeString(inventory, text);
        return inventory;
    }

    private static long replicasOn(Plan plan, int nodeId) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", plan.internalBootstrap()))) {
            var topics = admin.describeTopics(admin.listTopics().names().get()).allTopicNames().get();
            return topics.values().stream().flatMap(t -> t.partitions().stream())
                    .filter(p -> p.replicas().stream().anyMatch(n -> n.id() == nodeId)).count();
        }
    }

    private Plan plan() {
        return Plan.of(InventoryLoader.load(inventory));
    }
}
