package io.plk.agent.kafka;

import io.plk.agent.health.ClusterProbe;
import io.plk.agent.health.QuorumCheck;
import io.plk.agent.health.Verdict;
import io.plk.agent.protocol.AgentRequest;
import io.plk.agent.protocol.AgentResult;
import io.plk.agent.protocol.BadRequestException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts Kafka detached and returns once the node is up (a broker registered and unfenced, a controller in the
 * quorum and caught up), or fails with its log.
 */
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
        Readiness readiness = readiness(request, nodeId, startedAtMs);
        try (readiness) {
            long deadline = startedAt + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    haltUnit(mode, nodeId);
                    return AgentResult.failed("start", "Kafka exited during start-up; " + LogTail.of(logDir, 30),
                            facts);
                }
                if (readiness.isReady()) {
                    facts.put("startToRegisteredMs", (System.nanoTime() - startedAt) / 1_000_000);
                    facts.put("starts", kafka.starts());
                    return AgentResult.changed("start", readiness.what() + " " + nodeId + " " + readiness.ready(),
                            facts);
                }
                Thread.sleep(POLL.toMillis());
            }
        }
        return AgentResult.failed("start", readiness.what() + " " + nodeId + " did not become " + readiness.ready()
                + " within " + timeout.toSeconds() + " s; it is still running as pid " + process.pid() + ". "
                + readiness.lastWhyNot() + LogTail.of(logDir, 30), facts);
    }

    /**
     * A broker is up once registered and unfenced; a controller-only node never registers as a broker, so it is
     * up once in the quorum and caught up, asked of the controllers its own config names (no broker needs to be
     * up for that, so the controllers of a new cluster can start first).
     */
    private static Readiness readiness(AgentRequest request, int nodeId, long startedAtMs) throws IOException {
        if (!request.nodeRoles().controllerOnly()) {
            String bootstrap = request.require(request.bootstrap(), "bootstrap");
            return new Readiness("broker", "registered and unfenced",
                    () -> new ClusterProbe(bootstrap, Duration.ofSeconds(5)),
                    probe -> probe.liveBrokers().contains(nodeId) ? null : "not registered yet");
        }
        ServerConfig config = ServerConfig.read(request.require(request.configFile(), "configFile"))
                .orElseThrow(() -> new BadRequestException("configFile " + request.configFile() + " does not exist"));
        return new Readiness("controller", "in the metadata quorum and caught up",
                () -> ClusterProbe.ofControllers(config.controllerEndpoints(), Duration.ofSeconds(5)),
                probe -> {
                    Verdict joined = new QuorumCheck().inQuorum(probe.quorum(config.fetchTimeoutMs()), nodeId,
                            startedAtMs);
                    return joined.yes() ? null : String.join("; ", joined.reasons());
                });
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
}
