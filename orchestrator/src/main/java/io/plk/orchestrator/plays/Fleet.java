package io.plk.orchestrator.plays;

import io.plk.orchestrator.plan.BrokerPlan;
import io.plk.orchestrator.plan.Plan;
import io.plk.orchestrator.ssh.HostAddress;
import io.plk.orchestrator.ssh.RemoteHost;
import io.plk.orchestrator.ssh.SshConnections;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The bastion and the brokers behind it, with a bounded number of brokers worked on at once. */
public final class Fleet implements AutoCloseable {
    private final Plan plan;
    private final SshConnections ssh;
    private final ExecutorService pool;

    public Fleet(Plan plan, SshConnections ssh, int forks) {
        this(plan, ssh, Executors.newFixedThreadPool(Math.max(1, forks)));
    }

    private Fleet(Plan plan, SshConnections ssh, ExecutorService pool) {
        this.plan = plan;
        this.ssh = ssh;
        this.pool = pool;
    }

    /** The same sessions and forks with a completed plan; closing this fleet closes them. */
    public Fleet withPlan(Plan completed) {
        return new Fleet(completed, ssh, pool);
    }

    public Plan plan() {
        return plan;
    }

    public SshConnections ssh() {
        return ssh;
    }

    public RemoteHost bastion() throws java.io.IOException {
        return ssh.bastion();
    }

    public RemoteHost broker(BrokerPlan broker) throws java.io.IOException {
        return ssh.host(HostAddress.of(broker.host()));
    }

    @FunctionalInterface
    public interface BrokerTask<T> {
        T run(BrokerPlan broker) throws Exception;
    }

    /** Runs the task on every broker, at most {@code forks} at a time; fails after all finished if any failed. */
    public <T> Map<BrokerPlan, T> each(List<BrokerPlan> brokers, BrokerTask<T> task) {
        Map<BrokerPlan, Future<T>> futures = new LinkedHashMap<>();
        for (BrokerPlan broker : brokers) {
            futures.put(broker, pool.submit(() -> task.run(broker)));
        }
        return collect(futures);
    }

    /** Like {@link #each} but all brokers at once, whatever the forks: starting a KRaft quorum needs a majority up. */
    public <T> Map<BrokerPlan, T> all(List<BrokerPlan> brokers, BrokerTask<T> task) {
        ExecutorService everyone = Executors.newFixedThreadPool(Math.max(1, brokers.size()));
        try {
            Map<BrokerPlan, Future<T>> futures = new LinkedHashMap<>();
            for (BrokerPlan broker : brokers) {
                futures.put(broker, everyone.submit(() -> task.run(broker)));
            }
            return collect(futures);
        } finally {
            everyone.shutdown();
        }
    }

    private static <T> Map<BrokerPlan, T> collect(Map<BrokerPlan, Future<T>> futures) {
        Map<BrokerPlan, T> results = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        boolean allBlocked = true;
        for (var entry : futures.entrySet()) {
            try {
                results.put(entry.getKey(), entry.getValue().get());
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                allBlocked &= cause instanceof GateBlockedException;
                failures.add(cause instanceof PlayFailedException || cause instanceof java.io.IOException
                        ? cause.getMessage() : entry.getKey().label() + ": " + cause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PlayFailedException("interrupted");
            }
        }
        if (!failures.isEmpty()) {
            // every host refused before doing anything unsafe: the whole step is blocked, not failed
            throw allBlocked ? new GateBlockedException(String.join("\n", failures))
                    : new PlayFailedException(String.join("\n", failures));
        }
        return results;
    }

    @Override
    public void close() {
        pool.shutdownNow();
        ssh.close();
    }
}
