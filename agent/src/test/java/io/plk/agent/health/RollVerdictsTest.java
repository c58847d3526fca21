package io.plk.agent.health;

import static io.plk.agent.health.Clusters.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plk.agent.protocol.NodeRoles;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Controllers 1-3 hold no replicas; brokers 4-6 hold partition t-0, with broker 6 out of its ISR. */
class RollVerdictsTest {
    private static final NodeRoles CONTROLLER = NodeRoles.of(List.of("controller"));
    private static final NodeRoles BROKER = NodeRoles.of(List.of("broker"));

    private static Clusters atMinIsr() {
        return Clusters.dedicated(3, 3).partition(0, List.of(4, 5), 2);
    }

    @Test
    void aControllerOnlyNodeIsAskedTheQuorumsQuestionsOnly() {
        RollVerdicts controller = RollVerdicts.of(atMinIsr().build(), 2, CONTROLLER, null);
        assertTrue(controller.canRestart().yes(), controller.canRestart().reasons().toString());
        assertTrue(controller.canRestart().reasons().contains("controller-only node 2 hosts no replicas"));
        assertTrue(controller.inIsr().yes());
        assertEquals(List.of("controller-only node 2 hosts no replicas"), controller.inIsr().reasons());
        assertTrue(controller.caughtUp().yes(), controller.caughtUp().reasons().toString());

        RollVerdicts broker = RollVerdicts.of(atMinIsr().build(), 4, BROKER, null);
        assertFalse(broker.canRestart().yes(), "a broker in an ISR at its minimum still must not stop");
        assertFalse(RollVerdicts.of(atMinIsr().build(), 6, BROKER, null).inIsr().yes());
    }

    @Test
    void aControllerOnlyNodeMustNotStopWhenTheOthersLag() {
        ClusterState lagging = atMinIsr().voter(3, 10, NOW - 60_000, NOW - 60_000).build();
        Verdict canRestart = RollVerdicts.of(lagging, 2, CONTROLLER, null).canRestart();
        assertFalse(canRestart.yes());
        assertTrue(canRestart.reasons().get(0).contains("lagging: [3]"), canRestart.reasons().toString());
    }

    @Test
    void aRestartedControllerHasCaughtUpOnlyWithDataFromAfterItsStart() {
        long restartedAt = NOW - 5_000;
        ClusterState stale = atMinIsr().voter(3, 500, NOW - 6_000, NOW - 6_000).build();
        Verdict verdict = RollVerdicts.of(stale, 3, CONTROLLER, restartedAt).caughtUp();
        assertFalse(verdict.yes());
        assertTrue(verdict.reasons().get(0).startsWith("voter 3 has not caught up since its start"),
                verdict.reasons().toString());
        assertTrue(RollVerdicts.of(atMinIsr().build(), 3, CONTROLLER, restartedAt).caughtUp().yes());
    }

    @Test
    void aJoiningControllerIsUpAsAnObserverAndAbsentIsNotUp() {
        ClusterState joined = atMinIsr().observer(7, 500, NOW - 50, NOW - 50).build();
        Verdict observer = new QuorumCheck().inQuorum(joined.quorum(), 7, NOW - 5_000);
        assertTrue(observer.yes(), observer.reasons().toString());
        assertEquals(List.of("observer 7 is caught up (log end 500)"), observer.reasons());

        Verdict absent = new QuorumCheck().inQuorum(atMinIsr().build().quorum(), 7, NOW - 5_000);
        assertFalse(absent.yes());
        assertTrue(absent.reasons().get(0).startsWith("node 7 is neither a voter nor an observer"),
                absent.reasons().toString());
    }
}
