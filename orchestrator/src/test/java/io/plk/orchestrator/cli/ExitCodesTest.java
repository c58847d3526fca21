package io.plk.orchestrator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.plk.orchestrator.inventory.BadInputException;
import io.plk.orchestrator.inventory.InventoryLoader;
import io.plk.orchestrator.plan.Plan;
import io.plk.orchestrator.plays.GateBlockedException;
import io.plk.orchestrator.plays.PlayFailedException;
import io.plk.orchestrator.plays.RollPlay;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExitCodesTest {
    @Test
    void onlyInputFoundWrongBeforeAnyChangeIsBadInput() {
        assertEquals(Main.BAD_INPUT, Main.exitCode(new BadInputException("--only takes 'aws'")));
        assertEquals(Main.FAILED, Main.exitCode(new IllegalArgumentException("thrown after a change was made")));
        assertEquals(Main.FAILED, Main.exitCode(new PlayFailedException("broker 1", "start", "exited")));
    }

    @Test
    void aGateThatNeverTurnedGreenIsBlockedNotFailed() {
        assertEquals(Main.BLOCKED, Main.exitCode(new GateBlockedException("broker 1", "restart gate", "unsafe")));
    }

    @Test
    void anUnknownNodeIdIsBadInput() {
        assertEquals(Main.BAD_INPUT, Main.execute("rolling-restart", "src/test/resources/inventories/runbook.yaml",
                "--brokers", "7"));
    }

    @Test
    void terminatingRemovedNodesNeedsAwsAndRemoveBrokers() {
        String runbook = "src/test/resources/inventories/runbook.yaml";
        assertEquals(Main.BAD_INPUT, Main.execute("apply", runbook, "--terminate-removed"));
        assertEquals(Main.BAD_INPUT, Main.execute("apply", runbook, "--remove-brokers", "--terminate-removed"));
    }

    @Test
    void aBrokerNamedTwiceIsRestartedOnce() {
        Plan plan = Plan.of(InventoryLoader.load(Path.of("src/test/resources/inventories/runbook.yaml")));
        assertEquals(List.of(plan.broker(1), plan.broker(3)), RollPlay.targets(plan, List.of(1, 1, 3)));
    }
}
