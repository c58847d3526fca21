package io.plk.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plk.orchestrator.inventory.InventoryLoader;
import io.plk.orchestrator.plan.Plan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Kafka 4.1 with three dedicated controllers and three brokers, applied from nothing through the bastion: the
 * cloud side sees the brokers only, through the load balancer; a rolling restart under a continuous idempotent
 * acks=all producer loses and duplicates nothing and takes the brokers first, the active controller last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DedicatedRoll41IT {
    private static final Path WORK = Path.of("target/dedicated").toAbsolutePath();
    private Lab lab;
    private Path inventory;
    private ClientKafka client;

    @BeforeAll
    void startLab() throws Exception {
        Path archive = Path.of(System.getProperty("plk.kafka.current.archive")).toAbsolutePath();
        Lab.down("plk-dedicated");
        lab = Lab.start(new LabOptions("plk-dedicated", 6, WORK, false));
        inventory = WORK.resolve("lab.yaml");
        lab.writeInventory(inventory, archive, false);
        Files.writeString(inventory, InventoryLines.withRoles(Files.readString(inventory), Map.of(1, "[controller]",
                2, "[controller]", 3, "[controller]", 4, "[broker]", 5, "[broker]", 6, "[broker]")));
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
    void appliedFromNothingTheCloudSideSeesTheBrokersOnly() throws Exception {
        long started = System.nanoTime();
        EndToEndContract.Run apply = EndToEndContract.run("apply", inventory.toString());
        assertEquals(0, apply.exit(), apply.out());
        System.out.println("3 controllers + 3 brokers from nothing: apply took "
                + (System.nanoTime() - started) / 1_000_000 + " ms");
        assertTrue(apply.out().contains("controller 1 in the metadata quorum and caught up"), apply.out());
        Plan plan = plan();
        List<String> advertised = client.advertisedThroughLoadBalancer(plan, "cloud-dedicated");
        assertEquals(List.of("b4.usw2-az1.unique_name.aws.plc.tidbcloud.com:9096",
                "b5.usw2-az2.unique_name.aws.plc.tidbcloud.com:9097",
                "b6.usw2-az3.unique_name.aws.plc.tidbcloud.com:9098"), advertised);
        EndToEndContract.Run status = EndToEndContract.run("status", inventory.toString());
        assertTrue(status.out().contains("metadata quorum: dynamic"), status.out());
    }

    @Test
    @Order(2)
    void aRollUnderLoadTakesTheBrokersFirstAndTheActiveControllerLast() throws Exception {
        Plan plan = plan();
        EndToEndContract.Run status = EndToEndContract.run("status", inventory.toString());
        String leaderHost = status.out().lines().filter(l -> l.contains(" leader lag ")).map(l -> l.split("\\s+")[0])
                .findFirst().orElseThrow(() -> new AssertionError("no quorum leader in:\n" + status.out()));
        try (LoadGenerator load = LoadGenerator.start(plan.internalBootstrap(), "plk-dedicated-roll")) {
            load.awaitAcked(200);
            long started = System.nanoTime();
            EndToEndContract.Run roll = EndToEndContract.run("rolling-restart", inventory.toString());
            assertEquals(0, roll.exit(), roll.out());
            System.out.println("roll of 6 nodes under load: " + (System.nanoTime() - started) / 1_000_000 + " ms");
            load.awaitAcked(load.acked() + 200);
            load.stopAndCount().assertNothingLostOrDuplicated();
            List<String> picks = roll.out().lines().filter(l -> l.contains("next: ")).map(String::strip).toList();
            assertEquals(6, picks.size(), roll.out());
            for (int i = 0; i < 3; i++) {
                assertTrue(picks.get(i).startsWith("next: broker "), "brokers first: " + picks);
            }
            // the leader as read before that pick: usually leaderHost, unless a controller's restart moved it
            assertTrue(picks.get(5).endsWith("the active controller, last"), "leader at the start: " + leaderHost
                    + "; picks: " + picks);
            assertTrue(picks.subList(3, 5).stream().allMatch(p -> p.startsWith("next: controller ")), picks.toString());
        }
    }

    private Plan plan() {
        return Plan.of(InventoryLoader.load(inventory));
    }
}
