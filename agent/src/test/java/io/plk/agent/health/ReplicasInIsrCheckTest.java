package io.plk.agent.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReplicasInIsrCheckTest {
    private final ReplicasInIsrCheck check = new ReplicasInIsrCheck();

    @Test
    void aPartitionLeftOutIsFoundEvenWhenAnotherOneMasksTheUnderReplicatedCount() {
        // before the restart: t-1 was under-replicated without broker 2; after it, t-1 healed but t-0 lacks broker 3
        ClusterState after = Clusters.healthy(3).partition(0, List.of(1, 2), 2).partition(1, List.of(1, 2, 3), 2)
                .build();
        assertEquals(1, after.underReplicated(), "the count alone looks like 'back to before'");
        Verdict verdict = check.isBackInIsr(after, 3);
        assertFalse(verdict.yes());
        assertTrue(verdict.reasons().get(0).startsWith("broker 3 is not yet in the ISR of 1 partition(s): t-0 "),
                verdict.reasons().toString());
        assertTrue(check.isBackInIsr(after, 2).yes());
    }

    @Test
    void partitionsTheBrokerDoesNotHostDoNotCount() {
        ClusterState state = Clusters.healthy(3).partition(0, List.of(1, 2), List.of(1), 1).build();
        assertTrue(check.isBackInIsr(state, 3).yes());
    }
}
