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
        boolean killed = kafka.stop(running.get(), Duration.ofSeconds(request.timeoutOr(120)));
        Map<String, Object> facts = Map.of("pid", pid, "escalatedToSigkill", killed,
                "stopMs", (System.nanoTime() - begin) / 1_000_000);
        return AgentResult.changed("stop", killed
                ? "pid " + pid + " ignored SIGTERM for " + request.timeoutOr(120) + " s and was killed (SIGKILL); "
                        + "expect log recovery on the next start"
                : "pid " + pid + " shut down cleanly", facts);
    }
}
