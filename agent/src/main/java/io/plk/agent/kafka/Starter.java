package io.plk.agent.kafka;

import io.plk.agent.health.ClusterProbe;
import io.plk.agent.protocol.AgentRequest;
import io.plk.agent.protocol.AgentResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Starts Kafka detached and returns once the broker is registered and unfenced, or fails with its log. */
public final class Starter {
    private static final Duration POLL = Duration.ofMillis(200);

    public AgentResult start(AgentRequest request) throws Exception {
        Path logDir = Path.of(request.require(request.logDir(), "logDir"));
        int nodeId = request.require(request.nodeId(), "nodeId");
        KafkaProcess kafka = new KafkaProcess(Path.of(request.require(request.configFile(), "configFile")),
                Path.of(request.require(request.stateDir(), "stateDir")));
        Optional<ProcessHandle> running = kafka.running();
        if (running.isPresent()) {
            return AgentResult.ok("start", "already running as pid " + running.get().pid(),
                    Map.of("pid", running.get().pid()));
        }
        long startedAt = System.nanoTime();
        long startedAtMs = System.currentTimeMillis();
        ProcessHandle process;
        ServiceMode mode = ServiceMode.of(request);
        if (mode != ServiceMode.DETACHED) {
            List<String> command = mode == ServiceMode.SYSTEMD
                    ? new KafkaUnit(nodeId).start() : request.serviceStart();
            String failure = ServiceCommand.run(command);
            Optional<ProcessHandle> started = failure == null ? appears(kafka, Duration.ofSeconds(30))
                    : Optional.empty();
            if (failure != null || started.isEmpty()) {
                haltUnit(mode, nodeId);
                return AgentResult.failed("start", failure != null ? failure
                        : ServiceCommand.describe(command) + " did not leave a Kafka process running "
                        + "with " + request.configFile() + "; " + LogTail.of(logDir, 30), Map.of());
            }
            process = started.get();
            if (mode == ServiceMode.SYSTEMD) {
                kafka.recordStart(process);
            }
        } else {
            process = kafka.start(Java.binary(request.javaHome()), request.require(request.kafkaHome(), "kafkaHome"),
                    request.heap() == null ? "1g" : request.heap(), logDir);
        }
        Duration timeout = Duration.ofSeconds(request.timeoutOr(180));
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("pid", process.pid());
        facts.put("startedAtMs", startedAtMs);
        try (ClusterProbe probe = new ClusterProbe(request.require(request.bootstrap(), "bootstrap"),
                Duration.ofSeconds(5))) {
            long deadline = startedAt + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    haltUnit(mode, nodeId);
                    return AgentResult.failed("start", "Kafka exited during start-up; " + LogTail.of(logDir, 30),
                            facts);
                }
                if (registered(probe, nodeId)) {
                    facts.put("startToRegisteredMs", (System.nanoTime() - startedAt) / 1_000_000);
                    facts.put("starts", kafka.starts());
                    return AgentResult.changed("start", "broker " + nodeId + " is registered and unfenced", facts);
                }
                Thread.sleep(POLL.toMillis());
            }
        }
        return AgentResult.failed("start", "broker " + nodeId + " did not register within " + timeout.toSeconds()
                + " s; it is still running as pid " + process.pid() + ". " + LogTail.of(logDir, 30), facts);
    }

    /**
     * A broker that failed to start stays down, as a detached one does: else systemd would restart it every few
     * seconds, and the next apply would find it half up, running whichever config it read last.
     */
    private static void haltUnit(ServiceMode mode, int nodeId) throws java.io.IOException, InterruptedException {
        if (mode == ServiceMode.SYSTEMD) {
            ServiceCommand.run(new KafkaUnit(nodeId).stop());
        }
    }

    /** A start command may return before the JVM it launches exists (a script that execs java, systemd). */
    private static Optional<ProcessHandle> appears(KafkaProcess kafka, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        Optional<ProcessHandle> process = kafka.running();
        while (process.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(POLL.toMillis());
            process = kafka.running();
        }
        return process;
    }

    private static boolean registered(ClusterProbe probe, int nodeId) {
        try {
            return probe.liveBrokers().contains(nodeId);
        } catch (Exception notYet) {
            return false;
        }
    }
}
