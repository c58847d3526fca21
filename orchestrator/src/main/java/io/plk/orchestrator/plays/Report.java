package io.plk.orchestrator.plays;

import io.plk.agent.protocol.Status;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a play did, host by host and step by step, printed as it happens (ok / changed / failed)
 * and summed up at the end like Ansible's recap.
 */
public final class Report {
    private final PrintStream out;
    private final Map<String, int[]> counts = new LinkedHashMap<>();
    private final Map<String, Long> taskMs = new LinkedHashMap<>();
    private final Map<String, String> restarts = new LinkedHashMap<>();
    private final long started = System.nanoTime();
    private String currentTask;
    private long taskStarted;

    public Report(PrintStream out) {
        this.out = out;
    }

    public synchronized void task(String name) {
        endTask();
        currentTask = name;
        taskStarted = System.nanoTime();
        out.println();
        out.println("TASK [" + name + "] " + "*".repeat(Math.max(3, 60 - name.length())));
    }

    public synchronized void step(String host, Status status, String message) {
        int[] c = counts.computeIfAbsent(host, h -> new int[3]);
        c[status.ordinal()]++;
        out.println(status.json() + ": [" + host + "] " + message);
    }

    public synchronized void info(String message) {
        out.println(message);
    }

    /** A node the play restarted, and why: listed again in the recap. */
    public synchronized void restarted(String host, String why) {
        restarts.put(host, why);
    }

    public synchronized boolean changedAnything() {
        return counts.values().stream().anyMatch(c -> c[Status.CHANGED.ordinal()] > 0);
    }

    private void endTask() {
        if (currentTask != null) {
            taskMs.merge(currentTask, (System.nanoTime() - taskStarted) / 1_000_000, Long::sum);
        }
    }

    public synchronized void recap() {
        endTask();
        currentTask = null;
        out.println();
        out.println("PLAY RECAP " + "*".repeat(50));
        counts.forEach((host, c) -> out.printf("%-40s ok=%-3d changed=%-3d failed=%d%n", host,
                c[Status.OK.ordinal()], c[Status.CHANGED.ordinal()], c[Status.FAILED.ordinal()]));
        restarts.forEach((host, why) -> out.printf("restarted %-40s %s%n", host, why));
        taskMs.forEach((task, ms) -> out.printf("task %-45s %7d ms%n", task, ms));
        out.printf("elapsed: %.1f s%n", (System.nanoTime() - started) / 1e9);
    }
}
