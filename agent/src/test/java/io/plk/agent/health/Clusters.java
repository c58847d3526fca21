package io.plk.agent.health;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Cluster states for the safety checks, built the way one describes them:
 * {@code Clusters.healthy(3).voter(3).lagging(...).partition("t", 0).isr(1, 2).build()}. Times are
 * milliseconds on the leader's clock, {@link #NOW} being the moment the leader answered.
 */
final class Clusters {
    static final long NOW = 1_000_000;
    static final long FETCH_TIMEOUT_MS = 2000;
    private final Set<Integer> live = new LinkedHashSet<>();
    private final List<VoterState> voters = new ArrayList<>();
    private final List<VoterState> observers = new ArrayList<>();
    private final List<PartitionState> partitions = new ArrayList<>();
    private int leader;
    private int epoch = 5;
    private long highWatermark = 500;

    private Clusters() {
    }

    /** Brokers 1..n, all live voters fetching and caught up at offset 500; node 1 leads. */
    static Clusters healthy(int nodes) {
        Clusters c = new Clusters();
        c.leader = 1;
        for (int id = 1; id <= nodes; id++) {
            c.live.add(id);
            c.voters.add(new VoterState(id, 500, id == 1 ? NOW : NOW - 100, id == 1 ? NOW : NOW - 100));
        }
        return c;
    }

    /** Controller-only voters 1..controllers (1 leads), brokers after them, live observers; all caught up. */
    static Clusters dedicated(int controllers, int brokers) {
        Clusters c = new Clusters();
        c.leader = 1;
        for (int id = 1; id <= controllers; id++) {
            c.voters.add(new VoterState(id, 500, id == 1 ? NOW : NOW - 100, id == 1 ? NOW : NOW - 100));
        }
        for (int id = controllers + 1; id <= controllers + brokers; id++) {
            c.live.add(id);
            c.observers.add(new VoterState(id, 500, NOW - 100, NOW - 100));
        }
        return c;
    }

    /** A node that fetches the metadata log without a vote: a broker, or a controller not added yet. */
    Clusters observer(int nodeId, long logEnd, long lastFetch, long lastCaughtUp) {
        observers.removeIf(o -> o.nodeId() == nodeId);
        observers.add(new VoterState(nodeId, logEnd, lastFetch, lastCaughtUp));
        return this;
    }

    /** Another observer under an id already seen: the same node under a new directory (a replaced disk). */
    Clusters observerAgain(int nodeId, long logEnd, long lastFetch, long lastCaughtUp) {
        observers.add(new VoterState(nodeId, logEnd, lastFetch, lastCaughtUp));
        return this;
    }

    Clusters leader(int nodeId) {
        leader = nodeId;
        return voter(nodeId, 500, NOW, NOW);
    }

    Clusters noLeader() {
        leader = -1;
        return this;
    }

    Clusters highWatermark(long offset) {
        highWatermark = offset;
        return this;
    }

    Clusters voter(int nodeId, long logEnd, long lastFetch, long lastCaughtUp) {
        voters.replaceAll(v -> v.nodeId() == nodeId ? new VoterState(nodeId, logEnd, lastFetch, lastCaughtUp) : v);
        return this;
    }

    Clusters down(int nodeId) {
        live.remove(nodeId);
        return this;
    }

    /** A partition of topic t with every broker a replica; ISR and min ISR as given. */
    Clusters partition(int id, List<Integer> isr, int minIsr) {
        return partition(id, List.copyOf(live), isr, minIsr);
    }

    Clusters partition(int id, List<Integer> replicas, List<Integer> isr, int minIsr) {
        partitions.add(new PartitionState("t", id, replicas, isr, isr.isEmpty() ? -1 : isr.get(0), minIsr));
        return this;
    }

    ClusterState build() {
        return new ClusterState(live, partitions, quorum());
    }

    QuorumState quorum() {
        return new QuorumState(leader, epoch, highWatermark, voters, FETCH_TIMEOUT_MS, observers);
    }
}
