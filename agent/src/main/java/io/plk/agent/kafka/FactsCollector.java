package io.plk.agent.kafka;

import io.plk.agent.protocol.AgentRequest;
import io.plk.agent.protocol.AgentResult;
import io.plk.agent.protocol.RestartReason;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What is on this host right now; changes nothing. */
public final class FactsCollector {

    public AgentResult facts(AgentRequest request) throws IOException, InterruptedException {
        Map<String, Object> facts = new LinkedHashMap<>();
        Path kafkaHome = request.kafkaHome() == null ? null : Path.of(request.kafkaHome());
        if (request.configFile() != null) {
            facts.put("configHash", new ConfigFile(Path.of(request.configFile())).hash());
        }
        Optional<ServerConfig> config = ServerConfig.read(request.configFile());
        config.flatMap(ServerConfig::quorumMode).ifPresent(mode -> facts.put("quorumMode", mode.label()));
        config.flatMap(ServerConfig::roles).ifPresent(roles -> facts.put("roles", roles.names()));
        Optional<MetaProperties> meta = request.dataDirs() == null ? Optional.empty()
                : MetaProperties.firstOf(request.dataDirs());
        facts.put("formatted", meta.isPresent());
        meta.ifPresent(m -> {
            facts.put("clusterId", m.clusterId());
            facts.put("nodeId", m.nodeId());
        });
        if (request.configFile() != null && request.stateDir() != null) {
            KafkaProcess kafka = new KafkaProcess(Path.of(request.configFile()), Path.of(request.stateDir()));
            Optional<ProcessHandle> process = kafka.running();
            facts.put("pid", process.map(ProcessHandle::pid).orElse(null));
            Optional<Path> runningHome = process.flatMap(KafkaProcess::home);
            if (runningHome.isPresent()) {
                KafkaVersion.ofLibs(runningHome.get().resolve("libs"))
                        .ifPresent(v -> facts.put("runningKafkaVersion", v.toString()));
            }
            // a new Kafka installed beside the old one takes a restart, even with the same server.properties
            boolean otherHome = kafkaHome != null && runningHome.filter(h -> !h.equals(kafkaHome)).isPresent();
            List<RestartReason> reasons = new ArrayList<>();
            if (process.isPresent() && otherHome) {
                reasons.add(RestartReason.KAFKA_VERSION);
            }
            if (process.isPresent() && kafka.runsOlderConfig(process.get())) {
                reasons.add(RestartReason.CONFIG);
            }
            facts.put("restartPending", !reasons.isEmpty());
            facts.put("restartReasons", reasons.stream().map(RestartReason::name).toList());
            ServiceMode mode = ServiceMode.of(request);
            facts.put("serviceMode", mode.name().toLowerCase(java.util.Locale.ROOT));
            if (mode == ServiceMode.SYSTEMD && request.nodeId() != null) {
                facts.put("unit", new KafkaUnit(request.nodeId()).state());
            }
        }
        return AgentResult.ok("facts", "collected", facts);
    }
}
