package io.plk.agent.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plk.agent.health.ClusterProbe;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.junit.jupiter.api.Test;

class ReadinessTest {
    private final List<ClusterProbe> opened = new ArrayList<>();

    private ClusterProbe open() {
        ClusterProbe probe = new ClusterProbe("127.0.0.1:1", Duration.ofSeconds(1));
        opened.add(probe);
        return probe;
    }

    private Readiness answering(Deque<Exception> errorsFirst) {
        return new Readiness("controller", "in the quorum", this::open, probe -> {
            if (!errorsFirst.isEmpty()) {
                throw errorsFirst.pop();
            }
            return null;
        });
    }

    @Test
    void aControllerThatAnsweredUnsupportedBeforeItLoadedTheMetadataVersionIsAskedWithANewClient() {
        try (Readiness readiness = answering(new ArrayDeque<>(List.of(new ExecutionException(
                new UnsupportedVersionException("Direct-to-controller communication is not supported")))))) {
            assertFalse(readiness.isReady());
            assertTrue(readiness.lastWhyNot().contains("Direct-to-controller"), readiness.lastWhyNot());
            assertTrue(readiness.isReady());
            assertEquals(2, opened.size(), "the client that saw the fatal error is not asked again");
        }
    }

    @Test
    void aClientThatTimedOutIsNotAskedAgain() {
        try (Readiness readiness = answering(new ArrayDeque<>(List.of(new TimeoutException("slow"))))) {
            assertFalse(readiness.isReady());
            assertTrue(readiness.lastWhyNot().contains("slow"), readiness.lastWhyNot());
            assertTrue(readiness.isReady());
            assertEquals(2, opened.size(), "a client that could not find a node to ask may never find one");
        }
    }

    @Test
    void aNotYetAnswerKeepsTheSameClient() {
        Deque<String> answers = new ArrayDeque<>(List.of("not caught up"));
        try (Readiness readiness = new Readiness("controller", "in the quorum", this::open, probe -> answers.poll())) {
            assertFalse(readiness.isReady());
            assertEquals("Last seen: not caught up. ", readiness.lastWhyNot());
            assertTrue(readiness.isReady());
            assertEquals(1, opened.size());
        }
    }
}
