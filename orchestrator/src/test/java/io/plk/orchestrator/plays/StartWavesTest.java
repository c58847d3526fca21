package io.plk.orchestrator.plays;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.plk.orchestrator.plan.BrokerPlan;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartWavesTest {
    @TempDir
    Path dir;

    @Test
    void votersStartTogetherBeforeAnyBrokerOnlyNode() {
        List<BrokerPlan> nodes = FakeCluster.dedicated(3, 3, dir).brokers;
        List<BrokerPlan> shuffled = List.of(nodes.get(4), nodes.get(0), nodes.get(3), nodes.get(2), nodes.get(5),
                nodes.get(1));
        List<StartWaves.Wave> waves = StartWaves.of(shuffled);
        assertEquals(2, waves.size());
        assertEquals(List.of(1, 3, 2), ids(waves.get(0)));
        assertEquals(true, waves.get(0).allAtOnce(), "a new quorum needs a majority up to elect");
        assertEquals(List.of(5, 4, 6), ids(waves.get(1)));
        assertEquals(false, waves.get(1).allAtOnce());
    }

    @Test
    void combinedNodesAreOneWave() {
        List<StartWaves.Wave> waves = StartWaves.of(new FakeCluster(3, dir).brokers);
        assertEquals(1, waves.size());
        assertEquals(List.of(1, 2, 3), ids(waves.get(0)));
        assertEquals(true, waves.get(0).allAtOnce());
    }

    @Test
    void aJoiningBrokerAloneIsOneWave() {
        List<BrokerPlan> nodes = FakeCluster.dedicated(3, 3, dir).brokers;
        List<StartWaves.Wave> waves = StartWaves.of(List.of(nodes.get(5)));
        assertEquals(1, waves.size());
        assertEquals(List.of(6), ids(waves.get(0)));
    }

    private static List<Integer> ids(StartWaves.Wave wave) {
        return wave.nodes().stream().map(BrokerPlan::nodeId).toList();
    }
}
