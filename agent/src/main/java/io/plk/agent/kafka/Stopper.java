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
            return stopWithService(request, running.get(), begin);
        }
        boolean killed = kafka.stop(running.get(), Duration.ofSeconds(request.timeoutOr(120)));
        Map<String, Object> facts = Map.of("pid", pid, "escalatedToSigkill", killed,
                "stopMs", (System.nanoTime() - begin) / 1_000_000);
        return AgentResult.changed("stop", killed
                ? "pid " + pid + " ignored SIGTERM for " + request.timeoutOr(120) + " s and was killed (SIGKILL); "
                        + "expect log recovery on the next start"
                : "pid " + pid + " shut down cleanly", facts);
    }

    private static AgentResult stopWithService(AgentRequest request, ProcessHandle process, long begin)
            throws InterruptedException {
        String command = ServiceCommand.describe(request.serviceStop());
        try {
            String failure = ServiceCommand.run(request.serviceStop());
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
