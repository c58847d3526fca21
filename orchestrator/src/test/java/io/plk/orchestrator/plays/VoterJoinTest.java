package io.plk.orchestrator.plays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plk.agent.protocol.AgentResult;
import io.plk.orchestrator.inventory.InventoryLoader;
import io.plk.orchestrator.inventory.RunbookInventory;
import io.plk.orchestrator.plan.BrokerPlan;
import io.plk.orchestrator.plan.Plan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VoterJoinTest {
    private static final AgentResult NOT_CAUGHT_UP = AgentResult.failed("addVoter", "observer 8 lags 120 records",
            Map.of("readyToVote", false));

    private final List<String> calls = new ArrayList<>();

    private static BrokerPlan node() throws Exception {
        return Plan.of(InventoryLoader.load(RunbookInventory.write(RunbookInventory.TEXT))).broker(1);
    }

    /** addVoter answers {@code answers} in turn, the last one from then on. */
    private NodeCommand answering(AgentResult... answers) {
        return (node, command, fields) -> {
            calls.add(command + " on " + node.nodeId());
            return answers[Math.min(calls.size(), answers.length) - 1];
        };
    }

    @Test
    void anObserverThatIsNotCaughtUpYetIsAskedAgainUntilItIsAdded() throws Exception {
        AgentResult added = new VoterJoin(Duration.ofSeconds(10)).addVoter(answering(NOT_CAUGHT_UP, NOT_CAUGHT_UP,
                AgentResult.changed("addVoter", "added voter 1", Map.of())), node());
        assertEquals("added voter 1", added.msg());
        assertEquals(List.of("addVoter on 1", "addVoter on 1", "addVoter on 1"), calls);
    }

    @Test
    void aRefusalOtherThanNotReadyIsNotAskedAgain() throws Exception {
        AgentResult refused = new VoterJoin(Duration.ofSeconds(10)).addVoter(answering(AgentResult.failed("addVoter",
                "the quorum is static", Map.of())), node());
        assertTrue(refused.isFailed());
        assertEquals(1, calls.size());
    }

    @Test
    void anObserverNeverCaughtUpFailsAtTheGateLimit() throws Exception {
        AgentResult last = new VoterJoin(Duration.ofMillis(600)).addVoter(answering(NOT_CAUGHT_UP), node());
        assertTrue(last.isFailed());
        assertEquals(false, last.facts().get("readyToVote"));
        assertTrue(calls.size() >= 2 && calls.size() <= 3, calls.toString());
    }

    @Test
    void aJoiningControllerIsFormattedWithoutInitialVoters() {
        Map<String, Object> seat = VoterJoin.seat();
        assertEquals(true, seat.get("joinQuorum"));
        assertTrue(seat.containsKey("initialControllers"));
        assertNull(seat.get("initialControllers"));
    }
}
