package io.plk.agent.kafka;

import io.plk.agent.protocol.AgentRequest;
import io.plk.agent.protocol.AgentResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** SIGTERM for a controlled shutdown; SIGKILL only after the grace period, and then it says so. */
public final class Stopper {

    public AgentResult stop(AgentRequest request) throws InterruptedException {
        KafkaProcess kafka = new KafkaProcess(Path.of(request.require(request.configFile(), "configFile")),
                Path.of(request.require(request.stateDir(), "stateDir")));
        Optional<ProcessHandle> running = kafka.running();
        if (running.isEmpty()) {
            return AgentResult.ok("stop", "Kafka is not running", Map.of());
        }
        long pid = running.get().pid();
        long begin = System.nanoTime();
        if (request.serviceStop() != null) {
            return stopWithService(request, request.serviceStop(), running.get(), begin);
        }
        KafkaUnit unit = new KafkaUnit(request.require(request.nodeId(), "nodeId"));
        if (ServiceMode.of(request) == ServiceMode.SYSTEMD && runsUnder(unit, running.get())) {
            return stopWithService(request, unit.stop(), running.get(), begin);
        }
        boolean killed = kafka.stop(running.get(), Duration.ofSeconds(request.timeoutOr(120)));
        Map<String, Object> facts = Map.of("pid", pid, "escalatedToSigkill", killed,
                "stopMs", (System.nanoTime() - begin) / 1_000_000);
        return AgentResult.changed("stop", killed
                ? "pid " + pid + " ignored SIGTERM for " + request.timeoutOr(120) + " s and was killed (SIGKILL); "
                        + "expect log recovery on the next start"
                : "pid " + pid + " shut down cleanly", facts);
    }

    /** A broker started detached before its host got a unit is stopped as a process, not through the unit. */
    private static boolean runsUnder(KafkaUnit unit, ProcessHandle process) {
        try {
            return "active".equals(unit.state().get("active")) && java.nio.file.Files.readString(
                    Path.of("/proc", Long.toString(process.pid()), "cgroup")).contains(unit.name());
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static AgentResult stopWithService(AgentRequest request, java.util.List<String> stop,
                                               ProcessHandle process, long begin) throws InterruptedException {
        String command = ServiceCommand.describe(stop);
        try {
            String failure = ServiceCommand.run(stop);
            if (failure != null) {
                return AgentResult.failed("stop", failure, Map.of("pid", process.pid()));
            }
            process.onExit().get(request.timeoutOr(120), java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.io.IOException | java.util.concurrent.ExecutionException
                 | java.util.concurrent.TimeoutException e) {
            return AgentResult.failed("stop", command + " did not stop pid " + process.pid()
                    + " within " + request.timeoutOr(120) + " s: " + e.getMessage(), Map.of("pid", process.pid()));
        }
        return AgentResult.changed("stop", "stopped pid " + process.pid() + " with " + command,
                Map.of("pid", process.pid(), "escalatedToSigkill", false,
                        "stopMs", (System.nanoTime() - begin) / 1_000_000));
    }
}
